package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.ntplab.fixture.Fixture;
import org.ntplab.lab.AesSivCmac;
import org.ntplab.lab.NtsLab;
import org.ntplab.nts.Aead;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Lab 10: {@link NtsReference} is the reference. The captured NTS exchanges (ntpd-rs's with its
 * keys, Cloudflare's without), NTS-KE responses made here around their cookies, captured server
 * replies sealed here under test keys, and tampered copies of each, tagged synthetic.
 */
final class NtsExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(10, "nts", "Nts", Lab.Exercises.of(NtsLab.class, NtsExercises::of));

  /** The cipher every call gets: the library's, run in the harness. */
  static final AesSivCmac AEAD = new LibraryAesSiv();

  /** Test keys, never a server's: AEAD 15 and AEAD 17. */
  static final NtsKeys KEYS_15 = new NtsKeys(Aead.AES_SIV_CMAC_256, fill(32, 0x10), fill(32, 0x50));

  static final NtsKeys KEYS_17 = new NtsKeys(Aead.AES_SIV_CMAC_512, fill(64, 0x20), fill(64, 0x60));

  private NtsExercises() {}

  /**
   * A captured NTS request: its fields, and the keys (and the NTS-KE response that gave them) when
   * the fixture has them.
   */
  record Captured(String id, byte[] request, byte[] reply, Optional<Fixture.Nts> nts) {

    Optional<NtsKeys> keys() {
      return nts.map(Fixture.Nts::keys);
    }

    byte[] field(int type) {
      return NtpCodec.decodePacket(request).extensionFields().stream()
          .filter(f -> f.type() == type)
          .findFirst()
          .orElseThrow()
          .value();
    }

    int placeholders() {
      return (int)
          NtpCodec.decodePacket(request).extensionFields().stream()
              .filter(f -> f.type() == NtsField.COOKIE_PLACEHOLDER)
              .count();
    }

    /** Where the authenticator starts: the associated data is everything before. */
    int authenticatorAt() {
      List<ExtensionField> fields = NtpCodec.decodePacket(request).extensionFields();
      return request.length - fields.get(fields.size() - 1).length();
    }

    byte[] nonce() {
      byte[] value = field(NtsField.AUTHENTICATOR);
      int length = (value[0] & 0xff) << 8 | value[1] & 0xff;
      return Arrays.copyOfRange(value, 4, 4 + length);
    }
  }

  static List<Exercise<NtsLab>> of(Corpus corpus) {
    List<Captured> captured = captured(corpus);
    List<byte[]> cookies = new ArrayList<>();
    // Only published captures lend their cookies to made-up cases: a call shows its bytes, and a
    // hidden fixture's must not be read there.
    captured.stream()
        .filter(c -> !corpus.isHidden(c.id()))
        .forEach(c -> cookies.add(c.field(NtsField.COOKIE)));
    boolean made = cookies.isEmpty();
    if (made) { // an instructor's corpus without NTS: cookies of chrony's size
      cookies.add(fill(100, 0x77));
    }
    return List.of(
        new Exercise<>(LAB, "NTS-KE records", 5, NtsKeCases.of(captured, cookies, made)),
        new Exercise<>(LAB, "the request's fields", 4, fields(captured, cookies)),
        new Exercise<>(LAB, "the authenticator", 5, authenticators(corpus, captured)),
        new Exercise<>(LAB, "checking a reply", 6, NtsReplyCases.of(corpus, captured, cookies)));
  }

  /** Every captured request that carries a unique identifier, a cookie and an authenticator. */
  static List<Captured> captured(Corpus corpus) {
    List<Captured> found = new ArrayList<>();
    for (Corpus.Capture c : corpus.captures()) {
      if (c.request() != null && isNtsRequest(c.request())) {
        found.add(
            new Captured(
                c.id(), c.request(), c.reply(), Optional.ofNullable(corpus.nts().get(c.id()))));
      }
    }
    return found;
  }

  private static boolean isNtsRequest(byte[] bytes) {
    try {
      List<Integer> types =
          NtpCodec.decodePacket(bytes).extensionFields().stream()
              .map(ExtensionField::type)
              .toList();
      return types.contains(NtsField.UNIQUE_IDENTIFIER)
          && types.contains(NtsField.COOKIE)
          && !types.isEmpty()
          && types.get(types.size() - 1) == NtsField.AUTHENTICATOR;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<Case<NtsLab>> fields(List<Captured> captured, List<byte[]> cookies) {
    List<Case<NtsLab>> cases = new ArrayList<>();
    for (Captured c : captured) {
      cases.add(
          fieldsCase(
              c.id() + " (request)",
              c.field(NtsField.UNIQUE_IDENTIFIER),
              c.field(NtsField.COOKIE),
              c.placeholders()));
    }
    Random random = new Random(10);
    byte[] uid = bytes(random, UniqueIdentifier.LENGTH);
    byte[] cookie = cookies.get(0);
    for (int placeholders : new int[] {1, 3, 7}) {
      cases.add(fieldsCase("synthetic, a captured cookie", uid, cookie, placeholders));
    }
    cases.add(fieldsCase("synthetic, a 101-byte cookie", uid, bytes(random, 101), 2));
    cases.add(fieldsCase("synthetic, a 34-byte identifier", bytes(random, 34), cookie, 1));
    return cases;
  }

  private static Case<NtsLab> fieldsCase(String label, byte[] uid, byte[] cookie, int count) {
    return new Case<>(
        label,
        "request fields",
        "requestFields(" + hex(uid) + ", " + hex(cookie) + ", " + count + ")",
        NtsReference.requestFields(uid, cookie, count),
        lab -> lab.requestFields(uid.clone(), cookie.clone(), count),
        Comparison.bytes(),
        Rules.union(
            Set.of("field-order"),
            Rules.when(cookie.length % 4 != 0 || uid.length % 4 != 0, "pad-to-word"),
            Rules.when(count > 0, "placeholder-size")));
  }

  private static List<Case<NtsLab>> authenticators(Corpus corpus, List<Captured> captured) {
    List<Case<NtsLab>> cases = new ArrayList<>();
    for (Captured c : captured) {
      byte[] packet = Arrays.copyOf(c.request(), c.authenticatorAt());
      NtsKeys keys = c.keys().orElse(KEYS_15);
      String label = c.id() + " (request)" + (c.keys().isPresent() ? "" : ", a test key");
      cases.add(authenticatorCase(label, packet, keys.c2s(), c.nonce()));
    }
    Random random = new Random(11);
    int made = 0;
    for (Corpus.TimePacket p : corpus.packets()) {
      NtpPacket k = p.packet();
      if (made == 4 || k.mode() != Mode.CLIENT || k.version() != 4 || p.bytes().length != 48) {
        continue;
      }
      byte[] fields = NtsReference.requestFields(bytes(random, 32), bytes(random, 100), made);
      byte[] packet = concat(p.bytes(), fields);
      NtsKeys keys = made % 2 == 0 ? KEYS_15 : KEYS_17;
      int[] nonceLengths = {16, 12, 13, 16};
      byte[] nonce = bytes(random, nonceLengths[made]);
      cases.add(
          authenticatorCase(
              p.label() + " with NTS fields and a " + nonce.length + "-byte nonce (synthetic)",
              packet,
              keys.c2s(),
              nonce));
      made++;
    }
    return cases;
  }

  private static Case<NtsLab> authenticatorCase(
      String label, byte[] packet, byte[] c2s, byte[] nonce) {
    return new Case<>(
        label,
        "authenticator",
        "authenticator(packet, " + hex(c2s) + ", " + hex(nonce) + ", aead)",
        NtsReference.authenticator(packet, c2s, nonce),
        lab -> lab.authenticator(packet.clone(), c2s.clone(), nonce.clone(), AEAD),
        Comparison.bytes(),
        Rules.union(
            Set.of("associated-data", "authenticator-lengths"),
            Rules.when(nonce.length % 4 != 0, "nonce-padded"),
            Rules.when(nonce.length < 16, "nonce-room")));
  }

  static byte[] fill(int length, int from) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Bytes as the call shows them: short ones whole, long ones by length and first bytes. */
  static String hex(byte[] b) {
    return b.length <= 16
        ? "hex(\"" + HexFormat.of().formatHex(b) + "\")"
        : "hex(\"" + HexFormat.of().formatHex(b, 0, 8) + "…\") /* " + b.length + " bytes */";
  }
}
