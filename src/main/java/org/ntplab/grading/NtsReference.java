package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsRefusal;
import org.ntplab.lab.NtsReply;
import org.ntplab.nts.Aead;
import org.ntplab.nts.AesSiv;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.Sealing;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeCodec;
import org.ntplab.nts.ke.KeRecord;
import org.ntplab.nts.ke.MalformedKeException;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** Lab 10's expected answers, each from the reference ({@code nts}, {@code nts.ke}). */
final class NtsReference {

  private static final int NTP_PORT = 123;

  private NtsReference() {}

  /** {@code message} read by {@link KeCodec}, then its Error, or what it agreed. */
  static KeOutcome keOutcome(byte[] message) {
    List<KeRecord> records;
    try {
      records = KeCodec.decode(message);
    } catch (MalformedKeException e) {
      return new KeOutcome.Malformed();
    }
    int aead = 0;
    List<byte[]> cookies = new ArrayList<>();
    String server = "";
    int port = NTP_PORT;
    for (KeRecord r : records) {
      KeBody body = r.body();
      if (body instanceof KeBody.Error e) {
        return new KeOutcome.Error(e.code());
      } else if (body instanceof KeBody.AeadAlgorithm a && !a.ids().isEmpty()) {
        aead = a.ids().get(0);
      } else if (body instanceof KeBody.NewCookie c) {
        cookies.add(c.cookie());
      } else if (body instanceof KeBody.Server s) {
        server = s.name();
      } else if (body instanceof KeBody.Port p) {
        port = p.port();
      }
    }
    return new KeOutcome.Agreed(aead, cookies, server, port);
  }

  /**
   * The fields {@link NtsClient#request} puts before the authenticator of a request with {@code
   * uid}, {@code cookie} and {@code placeholders} placeholders.
   */
  static byte[] requestFields(byte[] uid, byte[] cookie, int placeholders) {
    NtsKeys anyKeys = new NtsKeys(Aead.AES_SIV_CMAC_256, new byte[32], new byte[32]);
    NtpPacket request =
        NtsClient.request(
            NtpPacket.clientRequest(4, NtpTimestamp.ZERO),
            new UniqueIdentifier(uid),
            new Cookie(cookie),
            placeholders,
            anyKeys,
            RandomGenerator.of("L64X128MixRandom"));
    byte[] bytes = NtpCodec.encode(request);
    List<ExtensionField> fields = request.extensionFields();
    int end = bytes.length - fields.get(fields.size() - 1).length();
    return Arrays.copyOfRange(bytes, NtpPacket.HEADER_LENGTH, end);
  }

  /** The authenticator {@link Sealing#seal} appends to {@code packet}, nothing encrypted. */
  static byte[] authenticator(byte[] packet, byte[] c2s, byte[] nonce) {
    NtpPacket sealed =
        Sealing.seal(
            NtpCodec.decodePacket(packet),
            List.of(),
            new AesSiv(LibraryAesSiv.aead(c2s), c2s),
            nonce);
    byte[] bytes = NtpCodec.encode(sealed);
    if (!Arrays.equals(Arrays.copyOf(bytes, packet.length), packet)) {
      throw new IllegalArgumentException("the packet does not encode back to its own bytes");
    }
    return Arrays.copyOfRange(bytes, packet.length, bytes.length);
  }

  /** {@link NtsClient#check} of {@code reply} with the S2C key {@code s2c}, as the lab words it. */
  static NtsReply checkReply(byte[] reply, byte[] uid, byte[] s2c) {
    NtsKeys keys = new NtsKeys(LibraryAesSiv.aead(s2c), new byte[s2c.length], s2c);
    NtsCheck check = NtsClient.check(reply, new UniqueIdentifier(uid), keys);
    if (check instanceof NtsCheck.Verified v) {
      return new NtsReply.Verified(v.cookies().stream().map(Cookie::bytes).toList());
    }
    if (check instanceof NtsCheck.NotVerified n) {
      return new NtsReply.Refused(NtsRefusal.valueOf(n.reason().name()));
    }
    return new NtsReply.Refused(NtsRefusal.NAK);
  }
}
