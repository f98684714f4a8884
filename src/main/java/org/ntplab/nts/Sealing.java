package org.ntplab.nts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ntplab.nts.NtsCheck.NotVerified;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * The authenticator's rule, for both directions (RFC 8915 §5.6): the associated data is the packet
 * from its first byte up to the start of the authenticator field, the plaintext the encrypted
 * fields concatenated, the nonce a separate input.
 */
public final class Sealing {

  private Sealing() {}

  /**
   * {@code packet} (its extension fields sent in the clear) with an authenticator appended that
   * authenticates it and carries {@code inner} encrypted under {@code key} and {@code nonce}.
   */
  public static NtpPacket seal(
      NtpPacket packet, List<ExtensionField> inner, AesSiv key, byte[] nonce) {
    byte[] plaintext = join(inner);
    // The associated data ends where the authenticator starts: encode with a stand-in of the same
    // size and cut there.
    Authenticator standIn = Authenticator.of(nonce, new byte[plaintext.length + AesSiv.TAG_LENGTH]);
    byte[] bytes = NtpCodec.encode(withFields(packet, standIn));
    byte[] associated = Arrays.copyOf(bytes, bytes.length - standIn.toField().length());
    return withFields(packet, Authenticator.of(nonce, key.seal(nonce, plaintext, associated)));
  }

  /**
   * Checks the authenticator of {@code bytes} under {@code key} and decrypts what it carries;
   * nothing about unique identifiers (the client's and the server's checks add that).
   */
  public static NtsCheck open(byte[] bytes, AesSiv key) {
    NtpPacket packet;
    try {
      packet = NtpCodec.decodePacket(bytes);
    } catch (MalformedPacketException e) {
      return new NotVerified(Reason.MALFORMED, e.getMessage());
    }
    List<ExtensionField> fields = packet.extensionFields();
    int at = NtpPacket.HEADER_LENGTH;
    int index = 0;
    while (index < fields.size() && fields.get(index).type() != NtsField.AUTHENTICATOR) {
      at += fields.get(index++).length();
    }
    if (index == fields.size()) {
      return new NotVerified(Reason.NO_AUTHENTICATOR, Reason.NO_AUTHENTICATOR.meaning());
    }
    if (index < fields.size() - 1 || packet.mac().isPresent()) {
      return new NotVerified(
          Reason.FIELD_AFTER_AUTHENTICATOR, Reason.FIELD_AFTER_AUTHENTICATOR.meaning());
    }
    Authenticator auth;
    try {
      auth = Authenticator.parse(fields.get(index).value());
    } catch (IllegalArgumentException e) {
      return new NotVerified(Reason.MALFORMED_AUTHENTICATOR, e.getMessage());
    }
    Optional<byte[]> plaintext =
        key.open(auth.nonce(), auth.ciphertext(), Arrays.copyOf(bytes, at));
    if (plaintext.isEmpty()) {
      return new NotVerified(Reason.AUTHENTICATION_FAILED, Reason.AUTHENTICATION_FAILED.meaning());
    }
    try {
      return new NtsCheck.Verified(packet, split(plaintext.get()));
    } catch (IllegalArgumentException e) {
      return new NotVerified(Reason.MALFORMED_INNER_FIELDS, e.getMessage());
    }
  }

  /** The extension fields of {@code packet} that come before its authenticator. */
  static List<ExtensionField> beforeAuthenticator(NtpPacket packet) {
    List<ExtensionField> before = new ArrayList<>();
    for (ExtensionField field : packet.extensionFields()) {
      if (field.type() == NtsField.AUTHENTICATOR) {
        break;
      }
      before.add(field);
    }
    return before;
  }

  private static NtpPacket withFields(NtpPacket packet, Authenticator auth) {
    List<ExtensionField> fields = new ArrayList<>(packet.extensionFields());
    fields.add(auth.toField());
    return Packets.withFields(packet, fields);
  }

  private static byte[] join(List<ExtensionField> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ExtensionField field : fields) {
      out.write(field.type() >>> 8);
      out.write(field.type());
      out.write(field.length() >>> 8);
      out.write(field.length());
      out.writeBytes(field.value());
    }
    return out.toByteArray();
  }

  /** The fields the plaintext holds back to back; one that overruns it is refused. */
  private static List<ExtensionField> split(byte[] plaintext) {
    List<ExtensionField> fields = new ArrayList<>();
    int at = 0;
    while (at < plaintext.length) {
      if (plaintext.length - at < 4) {
        throw new IllegalArgumentException(
            "decrypted fields: " + (plaintext.length - at) + " bytes left over at byte " + at);
      }
      int type = (plaintext[at] & 0xff) << 8 | plaintext[at + 1] & 0xff;
      int length = (plaintext[at + 2] & 0xff) << 8 | plaintext[at + 3] & 0xff;
      if (length < ExtensionField.MIN_LENGTH || length % 4 != 0 || at + length > plaintext.length) {
        throw new IllegalArgumentException(
            "decrypted field at byte "
                + at
                + " has length "
                + length
                + " ("
                + (plaintext.length - at)
                + " bytes left)");
      }
      fields.add(new ExtensionField(type, Arrays.copyOfRange(plaintext, at + 4, at + length)));
      at += length;
    }
    return fields;
  }
}
