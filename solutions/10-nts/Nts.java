package org.ntplab.labs.nts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ntplab.lab.AesSivCmac;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsLab;
import org.ntplab.lab.NtsRefusal;
import org.ntplab.lab.NtsReply;

/** Lab 10, solved: NTS-KE records, the request's fields, the authenticator, the reply's check. */
public class Nts implements NtsLab {

  private static final int UNIQUE_IDENTIFIER = 0x0104;
  private static final int COOKIE = 0x0204;
  private static final int PLACEHOLDER = 0x0304;
  private static final int AUTHENTICATOR = 0x0404;
  private static final int HEADER = 48;

  @Override
  public KeOutcome keResponse(byte[] message) {
    int aead = 0;
    List<byte[]> cookies = new ArrayList<>();
    String server = "";
    int port = 123;
    int at = 0;
    while (true) {
      if (message.length - at < 4) {
        return new KeOutcome.Malformed(); // ended without End of Message
      }
      boolean critical = (message[at] & 0x80) != 0;
      int type = (message[at] & 0x7f) << 8 | message[at + 1] & 0xff;
      int length = u16(message, at + 2);
      int body = at + 4;
      if (body + length > message.length) {
        return new KeOutcome.Malformed();
      }
      switch (type) {
        case 0 -> {
          // End of Message: nothing may follow it.
          return body + length == message.length
              ? new KeOutcome.Agreed(aead, cookies, server, port)
              : new KeOutcome.Malformed();
        }
        case 2 -> {
          return new KeOutcome.Error(u16(message, body));
        }
        case 4 -> aead = u16(message, body);
        case 5 -> cookies.add(Arrays.copyOfRange(message, body, body + length));
        case 6 -> server = new String(message, body, length, StandardCharsets.US_ASCII);
        case 7 -> port = u16(message, body);
        case 1, 3 -> { } // Next Protocol (NTPv4 assumed here), Warning
        default -> {
          if (critical) {
            return new KeOutcome.Malformed(); // a record we do not know, which we must not skip
          }
        }
      }
      at = body + length;
    }
  }

  @Override
  public byte[] requestFields(byte[] uniqueIdentifier, byte[] cookie, int placeholders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(field(UNIQUE_IDENTIFIER, uniqueIdentifier));
    byte[] cookieField = field(COOKIE, cookie);
    out.writeBytes(cookieField);
    for (int i = 0; i < placeholders; i++) {
      out.writeBytes(field(PLACEHOLDER, new byte[cookieField.length - 4]));
    }
    return out.toByteArray();
  }

  @Override
  public byte[] authenticator(byte[] packet, byte[] c2s, byte[] nonce, AesSivCmac aead) {
    byte[] ciphertext = aead.seal(c2s, nonce, packet, new byte[0]);
    int padding = Math.max(0, 16 - word(nonce.length)); // room for a 16-byte nonce in reply
    byte[] body = new byte[4 + word(nonce.length) + word(ciphertext.length) + padding];
    body[0] = (byte) (nonce.length >>> 8);
    body[1] = (byte) nonce.length;
    body[2] = (byte) (ciphertext.length >>> 8);
    body[3] = (byte) ciphertext.length;
    System.arraycopy(nonce, 0, body, 4, nonce.length);
    System.arraycopy(ciphertext, 0, body, 4 + word(nonce.length), ciphertext.length);
    return field(AUTHENTICATOR, body);
  }

  @Override
  public NtsReply checkReply(byte[] reply, byte[] uniqueIdentifier, byte[] s2c, AesSivCmac aead) {
    if (reply.length < HEADER) {
      return new NtsReply.Refused(NtsRefusal.MALFORMED);
    }
    // Walk the fields: the unique identifier, and where the authenticator starts.
    byte[] uid = null;
    int authenticatorAt = -1;
    int at = HEADER;
    while (reply.length - at >= 16 && authenticatorAt < 0) {
      int type = u16(reply, at);
      int length = u16(reply, at + 2);
      if (length < 16 || length % 4 != 0 || at + length > reply.length) {
        return new NtsReply.Refused(NtsRefusal.MALFORMED);
      }
      if (type == UNIQUE_IDENTIFIER && uid == null) {
        uid = Arrays.copyOfRange(reply, at + 4, at + length);
      } else if (type == AUTHENTICATOR) {
        authenticatorAt = at;
      }
      at += length;
    }
    boolean nak = reply[1] == 0 && new String(reply, 12, 4, StandardCharsets.US_ASCII).equals("NTSN");
    if (nak) {
      Optional<NtsRefusal> wrong = uidProblem(uid, uniqueIdentifier);
      return new NtsReply.Refused(wrong.orElse(NtsRefusal.NAK));
    }
    if (authenticatorAt < 0) {
      return new NtsReply.Refused(NtsRefusal.NO_AUTHENTICATOR);
    }
    int fieldEnd = authenticatorAt + u16(reply, authenticatorAt + 2);
    if (fieldEnd != reply.length) {
      return new NtsReply.Refused(NtsRefusal.FIELD_AFTER_AUTHENTICATOR);
    }
    int value = authenticatorAt + 4;
    int nonceLength = u16(reply, value);
    int ciphertextLength = u16(reply, value + 2);
    int ciphertextAt = value + 4 + word(nonceLength);
    if (ciphertextAt + word(ciphertextLength) > fieldEnd) {
      return new NtsReply.Refused(NtsRefusal.MALFORMED_AUTHENTICATOR);
    }
    byte[] nonce = Arrays.copyOfRange(reply, value + 4, value + 4 + nonceLength);
    byte[] ciphertext = Arrays.copyOfRange(reply, ciphertextAt, ciphertextAt + ciphertextLength);
    byte[] associated = Arrays.copyOf(reply, authenticatorAt); // up to the authenticator, not it
    Optional<byte[]> plaintext = aead.open(s2c, nonce, associated, ciphertext);
    if (plaintext.isEmpty()) {
      return new NtsReply.Refused(NtsRefusal.AUTHENTICATION_FAILED);
    }
    List<byte[]> cookies = new ArrayList<>();
    byte[] inner = plaintext.get();
    for (int i = 0; i < inner.length; ) {
      if (inner.length - i < 4) {
        return new NtsReply.Refused(NtsRefusal.MALFORMED_INNER_FIELDS);
      }
      int length = u16(inner, i + 2);
      if (length < 16 || length % 4 != 0 || i + length > inner.length) {
        return new NtsReply.Refused(NtsRefusal.MALFORMED_INNER_FIELDS);
      }
      if (u16(inner, i) == COOKIE) {
        cookies.add(Arrays.copyOfRange(inner, i + 4, i + length));
      }
      i += length;
    }
    Optional<NtsRefusal> wrong = uidProblem(uid, uniqueIdentifier);
    return wrong.isPresent() ? new NtsReply.Refused(wrong.get()) : new NtsReply.Verified(cookies);
  }

  /** The field's unique identifier against ours, as the fields carry them (padding included). */
  private static Optional<NtsRefusal> uidProblem(byte[] found, byte[] ours) {
    if (found == null) {
      return Optional.of(NtsRefusal.NO_UNIQUE_IDENTIFIER);
    }
    byte[] padded = Arrays.copyOf(ours, Math.max(12, word(ours.length)));
    return Arrays.equals(found, padded) ? Optional.empty() : Optional.of(NtsRefusal.UID_MISMATCH);
  }

  /** Type, length, and the body zero-padded to a multiple of 4 (and at least 12 bytes). */
  private static byte[] field(int type, byte[] body) {
    int length = 4 + Math.max(12, word(body.length));
    byte[] f = new byte[length];
    f[0] = (byte) (type >>> 8);
    f[1] = (byte) type;
    f[2] = (byte) (length >>> 8);
    f[3] = (byte) length;
    System.arraycopy(body, 0, f, 4, body.length);
    return f;
  }

  private static int word(int n) {
    return n + 3 & ~3;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }
}
