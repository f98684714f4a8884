package org.ntplab.labs.server;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.ntplab.lab.ServerLab;
import org.ntplab.lab.ServerState;

/** Lab 7, solved: answer client requests and symmetric active peers, drop everything else. */
public class Server implements ServerLab {

  private static final int HEADER = 48;
  private static final int MAX_MAC = 24;
  private static final int CRYPTO_NAK = 4;

  @Override
  public Optional<byte[]> reply(byte[] request, ServerState state, long receiveTime, long transmitTime) {
    Optional<Integer> replyMode = replyMode(request);
    if (replyMode.isEmpty()) {
      return Optional.empty();
    }
    int version = request[0] >>> 3 & 7;
    boolean signed = hasMac(request);
    ByteBuffer out = ByteBuffer.allocate(HEADER + (signed ? CRYPTO_NAK : 0)); // the NAK: 4 bytes of zero
    out.put((byte) (state.leap() << 6 | version << 3 | replyMode.get()))
        .put((byte) state.stratum())
        .put(request[2]) // poll: the client's
        .put((byte) state.precision())
        .putInt((int) state.rootDelay())
        .putInt((int) state.rootDispersion())
        .putInt((int) state.referenceId())
        .putLong(state.referenceTime())
        .put(request, 40, 8) // origin: the request's transmit, so the client can match the reply
        .putLong(receiveTime)
        .putLong(transmitTime);
    return Optional.of(out.array());
  }

  /** 4 for a client, 2 for a symmetric active peer, empty for what a server must not answer. */
  private static Optional<Integer> replyMode(byte[] request) {
    if (!wellFormedTimePacket(request)) {
      return Optional.empty(); // includes modes 6 and 7: never answered (amplification)
    }
    int version = request[0] >>> 3 & 7;
    return switch (request[0] & 7) {
      case 3 -> Optional.of(4);
      case 1 -> Optional.of(2);
      case 0 -> version == 1 ? Optional.of(4) : Optional.empty(); // NTPv1 had no modes
      default -> Optional.empty(); // 2, 4, 5: answering them would start an endless exchange
    };
  }

  /** A 48-byte header, version 1..4, modes 0..5, then extension fields and/or a MAC only. */
  private static boolean wellFormedTimePacket(byte[] b) {
    if (b.length < HEADER || (b[0] & 7) >= 6) {
      return false;
    }
    int version = b[0] >>> 3 & 7;
    if (version < 1 || version > 4) {
      return false;
    }
    return macLength(b).isPresent();
  }

  private static boolean hasMac(byte[] b) {
    return macLength(b).orElse(0) > 0;
  }

  /** Walks the extension fields (NTPv4 only); what is left must be a MAC: 0, 4, 20, 24, or 12 in v1..3. */
  private static Optional<Integer> macLength(byte[] b) {
    int version = b[0] >>> 3 & 7;
    int at = HEADER;
    while (b.length - at > MAX_MAC) {
      int length = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
      if (version < 4 || length < 16 || length % 4 != 0 || length > b.length - at) {
        return Optional.empty();
      }
      at += length;
    }
    int mac = b.length - at;
    boolean ok = mac == 0 || mac == 4 || mac == 20 || mac == 24 || mac == 12 && version <= 3;
    return ok ? Optional.of(mac) : Optional.empty();
  }
}
