package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ntplab.auth.MacCheck;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;
import org.ntplab.wire.Mac;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Lab 9: {@link MacCheck} is the reference. Captured packets without a MAC or with a crypto-NAK;
 * captured MACs, whose keys nobody published, against a key of their ID and of another; and every
 * unsigned server reply signed here with an MD5 and a SHA1 key (chronyd's interop keys), intact and
 * altered.
 */
final class MacExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(9, "mac", "MacChecker", Lab.Exercises.of(MacLab.class, MacExercises::of));

  static final MacKey MD5 =
      new MacKey(1, "MD5", HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10"));
  static final MacKey SHA1 =
      new MacKey(2, "SHA1", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f10111213"));

  /**
   * Key IDs with the top bit set (no capture has one; the largest is 2^25): a key ID read into an
   * int comes out negative and matches no key. Chrony takes all 32 bits.
   */
  static final List<MacKey> HIGH_KEY_IDS =
      List.of(
          new MacKey(0x8000_0001L, "MD5", MD5.secret()),
          new MacKey(SymmetricKey.MAX_KEY_ID, "SHA1", SHA1.secret()));

  /**
   * Not the secret of any captured MAC (those keys are unknown): every captured digest fails with
   * it.
   */
  private static final byte[] NOT_THEIRS = HexFormat.of().parseHex("6e74706c61622d6c61622d39");

  private MacExercises() {}

  static List<Exercise<MacLab>> of(Corpus corpus) {
    List<Case<MacLab>> unsigned = new ArrayList<>();
    List<Case<MacLab>> captured = new ArrayList<>();
    List<Case<MacLab>> md5 = new ArrayList<>();
    List<Case<MacLab>> sha1 = new ArrayList<>();
    int served = 0;
    for (Corpus.TimePacket p : corpus.packets()) {
      NtpPacket k = p.packet();
      if (k.mac().isEmpty() || k.mac().get().isCryptoNak()) {
        unsigned.add(check(p.label(), p.bytes(), MD5));
      } else {
        Mac mac = k.mac().get();
        String algorithm = mac.digest().length == 20 ? "SHA1" : "MD5";
        captured.add(
            check(
                p.label() + " with a key of its ID",
                p.bytes(),
                new MacKey(mac.keyId(), algorithm, NOT_THEIRS)));
        long other = mac.keyId() == SymmetricKey.MAX_KEY_ID ? 1 : mac.keyId() + 1;
        captured.add(
            check(
                p.label() + " with key " + other,
                p.bytes(),
                new MacKey(other, algorithm, NOT_THEIRS)));
      }
      if (k.mac().isEmpty() && k.mode() == Mode.SERVER) {
        if (served < 4) { // crypto-NAKs are rare in captures: a few made here, one with our key ID
          byte[] nak = Arrays.copyOf(p.bytes(), p.bytes().length + 4);
          nak[nak.length - 1] = (byte) (served == 3 ? MD5.keyId() : 0);
          unsigned.add(
              check(p.label() + " with a crypto-NAK of key ID " + nak[nak.length - 1], nak, MD5));
        }
        signed(md5, p, MD5, served);
        signed(sha1, p, SHA1, served);
        if (served == 0) {
          for (MacKey high : HIGH_KEY_IDS) {
            List<Case<MacLab>> into = high.algorithm().equals("MD5") ? md5 : sha1;
            into.add(
                check(
                    p.label() + " signed with key " + high.keyId() + " (synthetic)",
                    symmetric(high).sign(p.bytes()),
                    high));
          }
        }
        served++;
      }
    }
    return List.of(
        new Exercise<>(LAB, "no MAC, or a crypto-NAK", 3, unsigned),
        new Exercise<>(LAB, "captured MACs: another key", 4, captured),
        new Exercise<>(LAB, "signed with MD5", 4, md5),
        new Exercise<>(LAB, "signed with SHA1", 4, sha1));
  }

  /**
   * The reference's verdict on {@code datagram} (a time packet) for a request signed with {@code
   * key}.
   */
  static MacVerdict verdict(byte[] datagram, MacKey key) {
    MacCheck check = MacCheck.of(symmetric(key), datagram, NtpCodec.decodePacket(datagram));
    return MacVerdict.valueOf(check.name());
  }

  private static SymmetricKey symmetric(MacKey key) {
    return new SymmetricKey(
        key.keyId(), SymmetricKey.Algorithm.named(key.algorithm()).orElseThrow(), key.secret());
  }

  /**
   * {@code p} signed with {@code key}; every few, also a copy with a bit flipped in the header or
   * the digest.
   */
  private static void signed(List<Case<MacLab>> into, Corpus.TimePacket p, MacKey key, int index) {
    byte[] signed = symmetric(key).sign(p.bytes());
    into.add(check(p.label() + " signed with key " + key.keyId(), signed, key));
    if (index % 5 == 0) {
      byte[] altered = signed.clone();
      altered[47] ^= 1;
      into.add(check(p.label() + " signed, then its transmit timestamp altered", altered, key));
    }
    if (index % 5 == 2) {
      byte[] altered = signed.clone();
      altered[altered.length - 1] ^= (byte) 0x80;
      into.add(check(p.label() + " signed, then its digest altered", altered, key));
    }
  }

  private static Case<MacLab> check(String label, byte[] datagram, MacKey key) {
    String decides = whatDecides(datagram, key);
    Comparison verdict =
        (expected, actual) -> Comparison.exact().mismatch(expected, actual).map(m -> m + decides);
    MacVerdict expected = verdict(datagram, key);
    return new Case<>(
        label,
        "MAC",
        "check(reply, " + key + ")",
        expected,
        lab -> lab.check(datagram.clone(), key),
        verdict,
        rules(datagram, key, expected));
  }

  /**
   * The verdict's own rule; and the digest's, where the key or the bytes hashed are what a mistake
   * gets wrong.
   */
  private static Set<String> rules(byte[] datagram, MacKey key, MacVerdict expected) {
    Set<String> rules = new LinkedHashSet<>(Set.of(Rules.id(expected)));
    boolean digested = expected == MacVerdict.VERIFIED || expected == MacVerdict.BAD_DIGEST;
    rules.addAll(
        Rules.when(
            key.keyId() >= 1L << 31 && expected != MacVerdict.WRONG_KEY_ID, "key-id-32-bits"));
    rules.addAll(
        Rules.when(
            expected == MacVerdict.VERIFIED && key.algorithm().equals("SHA1"), "sha1-20-bytes"));
    if (digested) {
      int start = datagram.length - NtpCodec.decodePacket(datagram).mac().orElseThrow().length();
      rules.addAll(Rules.when(start > NtpPacket.HEADER_LENGTH, "digest-covers-extensions"));
    }
    return rules;
  }

  /**
   * What decides the verdict, for a student whose verdict differs: the MAC's key ID and digest as
   * they are in the reply, and the digest the key gives over the bytes before the key ID.
   */
  private static String whatDecides(byte[] datagram, MacKey key) {
    NtpPacket packet = NtpCodec.decodePacket(datagram);
    if (packet.mac().isEmpty()) {
      return "; the reply is "
          + datagram.length
          + " bytes: no MAC after the header or its extension fields";
    }
    Mac mac = packet.mac().get();
    int start = datagram.length - mac.length();
    HexFormat hex = HexFormat.ofDelimiter(" ");
    if (mac.isCryptoNak()) {
      return "; bytes "
          + start
          + ".."
          + (datagram.length - 1)
          + " are a key ID alone ("
          + mac.keyId()
          + "): a crypto-NAK";
    }
    String found =
        "; the MAC at bytes "
            + start
            + ".."
            + (datagram.length - 1)
            + ": key ID "
            + mac.keyId()
            + " (0x"
            + String.format("%08x", mac.keyId())
            + "), digest ["
            + hex.formatHex(mac.digest())
            + "]";
    try {
      byte[] ours = symmetric(key).digest(datagram, start);
      return found
          + "; "
          + key.algorithm()
          + "(secret ‖ bytes 0.."
          + (start - 1)
          + ") with key "
          + key.keyId()
          + " = ["
          + hex.formatHex(ours)
          + "]";
    } catch (RuntimeException e) {
      return found;
    }
  }
}
