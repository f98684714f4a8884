package org.ntplab.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.PrivateMessage;

/**
 * What the header fields of mode 6 control messages (RFC 9327, ntpq) and mode 7 private messages
 * (ntpd's ntpdc) mean. Status words are spelled the way {@code ntpq} prints them, e.g. {@code 0618}
 * is {@code leap_none, sync_ntp, 1 event, no_sys_peer}, so what a student reads here matches what
 * the tools print.
 */
public final class ControlMeanings {

  private static final String[] LEAP = {"leap_none", "leap_add_sec", "leap_del_sec", "leap_alarm"};

  private static final String[] CLOCK_SOURCE = {
    "sync_unspec",
    "sync_pps",
    "sync_lf_radio",
    "sync_hf_radio",
    "sync_uhf_radio",
    "sync_local",
    "sync_ntp",
    "sync_other",
    "sync_wristwatch",
    "sync_telephone"
  };

  private static final String[] SYSTEM_EVENT = {
    "unspecified",
    "freq_not_set",
    "freq_set",
    "spike_detect",
    "freq_mode",
    "clock_sync",
    "restart",
    "panic_stop",
    "no_sys_peer",
    "leap_armed",
    "leap_disarmed",
    "leap_event",
    "clock_step",
    "kern",
    "TAI",
    "stale_leapsecond"
  };

  private static final String[] PEER_SELECT = {
    "sel_reject",
    "sel_falsetick",
    "sel_excess",
    "sel_outlier",
    "sel_candidate",
    "sel_backup",
    "sel_sys.peer",
    "sel_pps.peer"
  };

  private static final String[] PEER_EVENT = {
    "unspecified",
    "mobilize",
    "demobilize",
    "unreachable",
    "reachable",
    "restart",
    "no_reply",
    "rate_exceeded",
    "access_denied",
    "leap_armed",
    "sys_peer",
    "clock_event",
    "bad_auth",
    "popcorn",
    "interleave_mode",
    "interleave_error"
  };

  /** Peer status bits, most significant first (the top 5 bits of the status word). */
  private static final String[] PEER_BITS = {"conf", "authenb", "auth", "reach", "bcst"};

  private static final String[] CONTROL_ERROR = {
    "unspecified",
    "authentication failure",
    "invalid message length or format",
    "invalid opcode",
    "unknown association ID",
    "unknown variable name",
    "invalid variable value",
    "administratively prohibited"
  };

  private ControlMeanings() {}

  // ---- mode 6 -------------------------------------------------------------------------------

  public static String response(boolean response) {
    return response ? "response (server to ntpq)" : "request (ntpq to server)";
  }

  public static String error(boolean error) {
    return error ? "error: the status word holds the error code" : "no error";
  }

  public static String more(boolean more) {
    return more ? "more fragments follow" : "last fragment";
  }

  public static String opcode(ControlMessage message) {
    return message.opcodeName().orElse("unassigned opcode");
  }

  /** The status word: an error code, the system status (association 0) or a peer's status. */
  public static String status(ControlMessage message) {
    int status = message.status();
    if (message.error()) {
      int code = status >>> 8;
      return "error "
          + code
          + ": "
          + (code < CONTROL_ERROR.length ? CONTROL_ERROR[code] : "unassigned");
    }
    if (!message.response()) {
      return status == 0 ? "zero in a request" : "set in a request (ignored by servers)";
    }
    return message.associationId() == 0 ? systemStatus(status) : peerStatus(status);
  }

  /** LI (2 bits), clock source (6), event count (4), last event (4). */
  public static String systemStatus(int status) {
    int source = status >>> 8 & 0x3f;
    return LEAP[status >>> 14]
        + ", "
        + (source < CLOCK_SOURCE.length ? CLOCK_SOURCE[source] : "sync_" + source)
        + ", "
        + events(status)
        + ", "
        + SYSTEM_EVENT[status & 0xf];
  }

  /** Status bits (5), selection (3), event count (4), last event (4). */
  public static String peerStatus(int status) {
    List<String> parts = new ArrayList<>();
    int bits = status >>> 11;
    for (int i = 0; i < PEER_BITS.length; i++) {
      if ((bits & 0x10 >>> i) != 0) {
        parts.add(PEER_BITS[i]);
      }
    }
    parts.add(PEER_SELECT[status >>> 8 & 7]);
    parts.add(events(status));
    parts.add(PEER_EVENT[status & 0xf]);
    return String.join(", ", parts);
  }

  private static String events(int status) {
    int count = status >>> 4 & 0xf;
    return count + (count == 1 ? " event" : " events");
  }

  public static String associationId(int associationId) {
    return associationId == 0 ? "0: the server itself" : "a peer association";
  }

  public static String offset(ControlMessage message) {
    return message.offset() == 0
        ? "data starts at byte 0 of the whole reply"
        : "this fragment's data starts at byte " + message.offset();
  }

  /**
   * The data as text, when it is printable ASCII with line breaks (and possibly NULs at the end,
   * which ntpd counts in); empty for binary data such as READSTAT's association list.
   */
  public static Optional<String> dataText(ControlMessage message) {
    byte[] data = message.data();
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return Optional.empty();
    }
    for (int i = 0; i < end; i++) {
      int b = data[i];
      if ((b < 0x20 || b >= 0x7f) && b != '\r' && b != '\n' && b != '\t') {
        return Optional.empty();
      }
    }
    return Optional.of(new String(data, 0, end, StandardCharsets.US_ASCII));
  }

  // ---- mode 7 -------------------------------------------------------------------------------

  public static String privateResponse(boolean response) {
    return response ? "response (server to ntpdc)" : "request (ntpdc to server)";
  }

  public static String authenticated(boolean authenticated) {
    return authenticated
        ? "authenticated: timestamp, key ID and MAC at the end"
        : "not authenticated";
  }

  public static String implementation(int implementation) {
    return switch (implementation) {
      case 0 -> "IMPL_UNIV: any implementation";
      case 2 -> "IMPL_XNTPD_OLD: xntpd before 3.3";
      case 3 -> "IMPL_XNTPD: ntpd";
      default -> "unknown implementation";
    };
  }

  public static String request(PrivateMessage message) {
    String name = message.requestName().orElse("unknown request");
    // monlist made ntpd the amplifier of the 2014 reflection attacks: a 48-byte request could
    // bring back up to 600 entries, which is why today's servers drop mode 7 entirely.
    return message.requestCode() == 20 || message.requestCode() == 42
        ? name + " (monlist: recent clients; CVE-2013-5211 amplifier)"
        : name;
  }

  public static String privateError(int code) {
    return switch (code) {
      case 0 -> "no error";
      case 1 -> "incompatible implementation";
      case 2 -> "unimplemented request";
      case 3 -> "format error";
      case 4 -> "no data available";
      case 7 -> "authentication failure";
      default -> "unassigned error code";
    };
  }
}
