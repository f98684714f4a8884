package org.ntplab.grading;

import java.util.Arrays;
import java.util.Optional;
import org.ntplab.lab.AesSivCmac;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsLab;
import org.ntplab.lab.NtsRefusal;
import org.ntplab.lab.NtsReply;

/**
 * Lab 10's hand-written students: a correct one, leaning on the reference where no mistake is made,
 * with each rule a mistake breaks as a method to override.
 */
final class NtsStudents {

  private NtsStudents() {}

  static class Nts implements NtsLab {

    @Override
    public KeOutcome keResponse(byte[] message) {
      return NtsReference.keOutcome(asRead(message.clone()));
    }

    /** The message as the student reads it: as it came. */
    protected byte[] asRead(byte[] message) {
      return message;
    }

    @Override
    public byte[] requestFields(byte[] uid, byte[] cookie, int placeholders) {
      byte[] fields = NtsReference.requestFields(uid, cookie, 0);
      for (int i = 0; i < placeholders; i++) {
        fields =
            NtsExercises.concat(
                fields, NtsReplyCases.field(0x0304, new byte[placeholderBody(cookie)]));
      }
      return fields;
    }

    /** Bytes of a placeholder's body: the cookie field's body, padding included. */
    protected int placeholderBody(byte[] cookie) {
      return Math.max(12, word(cookie.length));
    }

    @Override
    public byte[] authenticator(byte[] packet, byte[] c2s, byte[] nonce, AesSivCmac aead) {
      byte[] ciphertext = aead.seal(c2s, nonce, requestAssociatedData(packet), new byte[0]);
      int nonceRoom = noncePadded(nonce.length);
      byte[] body =
          new byte[4 + nonceRoom + word(ciphertext.length) + additionalPadding(nonceRoom)];
      body[1] = (byte) nonce.length;
      body[3] = (byte) ciphertext.length;
      System.arraycopy(nonce, 0, body, 4, nonce.length);
      System.arraycopy(ciphertext, 0, body, 4 + nonceRoom, ciphertext.length);
      return NtsReplyCases.field(0x0404, body);
    }

    /** What the request's authenticator authenticates: the packet as given. */
    protected byte[] requestAssociatedData(byte[] packet) {
      return packet;
    }

    /** Zeros after the ciphertext: nonce and padding at least 16 bytes. */
    protected int additionalPadding(int nonceRoom) {
      return Math.max(0, 16 - nonceRoom);
    }

    /** The nonce's room in the field: padded to a word. */
    protected int noncePadded(int length) {
      return word(length);
    }

    @Override
    public NtsReply checkReply(byte[] reply, byte[] uid, byte[] s2c, AesSivCmac aead) {
      NtsReply expected = NtsReference.checkReply(reply, uid, s2c);
      int at = authenticatorAt(reply);
      boolean sealed = ((reply[at] & 0xff) << 8 | reply[at + 1] & 0xff) == 0x0404;
      if (!sealed
          || !(expected instanceof NtsReply.Verified)
              && !(expected instanceof NtsReply.Refused r
                  && (r.reason() == NtsRefusal.AUTHENTICATION_FAILED
                      || r.reason() == NtsRefusal.UID_MISMATCH))) {
        return expected; // no mistake here touches the other answers
      }
      int nonceLength = (reply[at + 4] & 0xff) << 8 | reply[at + 5] & 0xff;
      int ciphertextLength = (reply[at + 6] & 0xff) << 8 | reply[at + 7] & 0xff;
      byte[] nonce = Arrays.copyOfRange(reply, at + 8, at + 8 + nonceLength);
      int c = at + 8 + word(nonceLength);
      byte[] ciphertext = Arrays.copyOfRange(reply, c, c + ciphertextLength);
      Optional<byte[]> opened = aead.open(s2c, nonce, associatedData(reply, at), ciphertext);
      if (opened.isEmpty() && checksAuthenticator()) {
        return new NtsReply.Refused(NtsRefusal.AUTHENTICATION_FAILED);
      }
      byte[] echoed = Arrays.copyOfRange(reply, 52, 52 + word(uid.length));
      if (checksUid() && !Arrays.equals(echoed, Arrays.copyOf(uid, word(uid.length)))) {
        return new NtsReply.Refused(NtsRefusal.UID_MISMATCH);
      }
      // Whatever was not checked is taken as it came.
      return opened.isEmpty()
          ? new NtsReply.Verified(java.util.List.of())
          : NtsReference.checkReply(reply, echoed, s2c);
    }

    /** What the reply's authenticator authenticates: every byte before it. */
    protected byte[] associatedData(byte[] reply, int authenticatorAt) {
      return Arrays.copyOf(reply, authenticatorAt);
    }

    protected boolean checksAuthenticator() {
      return true;
    }

    protected boolean checksUid() {
      return true;
    }
  }

  /** Where the last field, the authenticator, starts. */
  static int authenticatorAt(byte[] reply) {
    int at = 48;
    while (true) {
      int length = (reply[at + 2] & 0xff) << 8 | reply[at + 3] & 0xff;
      if (at + length >= reply.length) {
        return at;
      }
      at += length;
    }
  }

  static int word(int n) {
    return n + 3 & ~3;
  }

  /**
   * Every record's critical bit set ({@code critical}) or cleared: an unknown record then fails, or
   * is skipped, whatever its bit said.
   */
  static byte[] criticalBits(byte[] message, boolean critical) {
    byte[] m = message.clone();
    for (int at = 0; at + 4 <= m.length; ) {
      m[at] = (byte) (critical ? m[at] | 0x80 : m[at] & 0x7f);
      at += 4 + ((m[at + 2] & 0xff) << 8 | m[at + 3] & 0xff);
    }
    return m;
  }
}
