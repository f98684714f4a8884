package org.ntplab.grading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ntplab.lab.NtsLab;
import org.ntplab.lab.NtsReply;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Lab 10's replies to check: the captured ones, with their keys or with a test key none of them was
 * sealed under; captured server replies sealed here under test keys (synthetic); and tampered
 * copies: a bit flipped, another identifier, the other key, the authenticator dropped, a field
 * after it, a NAK.
 */
final class NtsReplyCases {

  private NtsReplyCases() {}

  static List<Case<NtsLab>> of(
      Corpus corpus, List<NtsExercises.Captured> captured, List<byte[]> cookies) {
    List<Case<NtsLab>> cases = new ArrayList<>();
    for (NtsExercises.Captured c : captured) {
      if (c.reply() == null) {
        continue;
      }
      byte[] uid = c.field(NtsField.UNIQUE_IDENTIFIER);
      String label = c.id() + " (reply)";
      if (c.keys().isPresent()) {
        NtsKeys keys = c.keys().get();
        cases.add(check(label, c.reply(), uid, keys.s2c()));
        if (NtsReference.checkReply(c.reply(), uid, keys.s2c()) instanceof NtsReply.Verified) {
          tampered(cases, label, c.reply(), uid, keys); // a NAK has nothing sealed to tamper with
        }
      } else {
        cases.add(check(label + ", a test key", c.reply(), uid, NtsExercises.KEYS_15.s2c()));
      }
    }
    Random random = new Random(12);
    int sealed = 0;
    for (Corpus.TimePacket p : corpus.packets()) {
      NtpPacket k = p.packet();
      if (sealed == 6
          || k.mode() != Mode.SERVER
          || k.version() != 4
          || p.bytes().length != NtpPacket.HEADER_LENGTH
          || k.kissCode().isPresent()) {
        continue;
      }
      NtsKeys keys = sealed % 2 == 0 ? NtsExercises.KEYS_15 : NtsExercises.KEYS_17;
      byte[] uid = NtsExercises.bytes(random, UniqueIdentifier.LENGTH);
      List<Cookie> fresh = new ArrayList<>();
      for (int i = 0; i <= sealed % 3; i++) {
        fresh.add(new Cookie(NtsExercises.bytes(random, cookies.get(0).length)));
      }
      byte[] nonce = NtsExercises.bytes(random, 16);
      byte[] reply =
          NtpCodec.encode(NtsServer.seal(k, new UniqueIdentifier(uid), fresh, keys, nonce));
      String label = p.label() + " sealed with " + keys.aead() + " test keys (synthetic)";
      cases.add(check(label, reply, uid, keys.s2c()));
      if (sealed < 2) {
        tampered(cases, label, reply, uid, keys);
      }
      sealed++;
    }
    return cases;
  }

  /** Copies of a verified {@code reply} that must not verify, each named by what was done. */
  private static void tampered(
      List<Case<NtsLab>> cases, String label, byte[] reply, byte[] uid, NtsKeys keys) {
    byte[] s2c = keys.s2c();
    byte[] transmit = reply.clone();
    transmit[47] ^= 1;
    cases.add(check(label + ", its transmit timestamp altered", transmit, uid, s2c));
    byte[] ciphertext = reply.clone();
    ciphertext[ciphertext.length - 1] ^= (byte) 0x80;
    cases.add(check(label + ", its ciphertext altered", ciphertext, uid, s2c));
    byte[] other = uid.clone();
    other[0] ^= 1;
    cases.add(check(label + ", checked against another unique identifier", reply, other, s2c));
    cases.add(check(label + ", checked with the C2S key", reply, uid, keys.c2s()));
    List<ExtensionField> fields = NtpCodec.decodePacket(reply).extensionFields();
    int authenticatorAt = reply.length - fields.get(fields.size() - 1).length();
    byte[] dropped = Arrays.copyOf(reply, authenticatorAt);
    cases.add(check(label + ", its authenticator dropped", dropped, uid, s2c));
    byte[] after = NtsExercises.concat(reply, field(0x2005, new byte[28]));
    cases.add(check(label + ", a field after its authenticator", after, uid, s2c));
    byte[] kiss = Arrays.copyOf(reply, NtpPacket.HEADER_LENGTH);
    kiss[1] = 0; // stratum 0: a kiss code in the reference ID
    System.arraycopy("NTSN".getBytes(StandardCharsets.US_ASCII), 0, kiss, 12, 4);
    byte[] nak =
        NtpCodec.encode(NtsServer.nak(NtpCodec.decodePacket(kiss), new UniqueIdentifier(uid)));
    cases.add(check(label + ", made a NAK", nak, uid, s2c));
    cases.add(check(label + ", made a NAK, another identifier", nak, other, s2c));
  }

  /** An extension field whole: type, length, {@code value} as given (already padded). */
  static byte[] field(int type, byte[] value) {
    byte[] f = new byte[4 + value.length];
    f[0] = (byte) (type >>> 8);
    f[1] = (byte) type;
    f[2] = (byte) (f.length >>> 8);
    f[3] = (byte) f.length;
    System.arraycopy(value, 0, f, 4, value.length);
    return f;
  }

  private static Case<NtsLab> check(String label, byte[] reply, byte[] uid, byte[] s2c) {
    NtsReply expected = NtsReference.checkReply(reply, uid, s2c);
    return new Case<>(
        label,
        "reply",
        "checkReply(reply, " + NtsExercises.hex(uid) + ", " + NtsExercises.hex(s2c) + ", aead)",
        expected,
        lab -> lab.checkReply(reply.clone(), uid.clone(), s2c.clone(), NtsExercises.AEAD),
        Comparison.exact(),
        rules(expected));
  }

  private static Set<String> rules(NtsReply expected) {
    Set<String> rules = new LinkedHashSet<>();
    if (expected instanceof NtsReply.Verified) {
      rules.add("verified-cookies");
      rules.add("reply-associated-data");
    } else if (expected instanceof NtsReply.Refused r) {
      rules.add(Rules.id(r.reason()));
    }
    return rules;
  }
}
