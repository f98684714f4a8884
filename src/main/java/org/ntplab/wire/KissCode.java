package org.ntplab.wire;

import java.util.Map;
import java.util.Optional;

/**
 * A kiss code: the ASCII reference ID of a stratum-0 packet (RFC 5905 §7.4). An open set: codes not
 * listed in the RFCs are kept as they came, with no meaning.
 */
public record KissCode(String code) {

  public static final KissCode DENY = new KissCode("DENY");
  public static final KissCode RSTR = new KissCode("RSTR");
  public static final KissCode RATE = new KissCode("RATE");
  public static final KissCode INIT = new KissCode("INIT");
  public static final KissCode STEP = new KissCode("STEP");
  public static final KissCode NTSN = new KissCode("NTSN");

  /** What a client must do on receiving the code (RFC 5905 §7.4). */
  public enum Action {
    /** DENY, RSTR: stop sending to this server. */
    STOP_USING_SERVER,
    /** RATE: increase the poll interval before asking again. */
    REDUCE_RATE,
    /** NTSN: NTS negotiation needed (RFC 8915 §5.7). */
    RENEW_NTS_KEYS,
    /** Anything else is informational: the server's time is not usable, nothing more. */
    NONE
  }

  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry("ACST", "the association belongs to a unicast server"),
          Map.entry("AUTH", "server authentication failed"),
          Map.entry("AUTO", "Autokey sequence failed"),
          Map.entry("BCST", "the association belongs to a broadcast server"),
          Map.entry("CRYP", "cryptographic authentication or identification failed"),
          Map.entry("DENY", "access denied by remote server"),
          Map.entry("DROP", "lost peer in symmetric mode"),
          Map.entry("RSTR", "access denied due to local policy"),
          Map.entry("INIT", "the association has not yet synchronized for the first time"),
          Map.entry("MCST", "the association belongs to a dynamically discovered server"),
          Map.entry("NKEY", "no key found"),
          Map.entry("NTSN", "NTS negative acknowledgment: the cookie could not be used"),
          Map.entry("RATE", "rate exceeded: the server has temporarily denied access"),
          Map.entry("RMOT", "alteration of association from a remote host running ntpdc"),
          Map.entry("STEP", "a step change in system time has occurred, not yet verified"));

  /** The kiss code in a reference ID, if it is ASCII text (stratum 0 packets only carry one). */
  public static Optional<KissCode> from(ReferenceId referenceId) {
    String text = referenceId.asAscii();
    return text.isEmpty() ? Optional.empty() : Optional.of(new KissCode(text));
  }

  /** The RFC's meaning, or empty for a code no RFC defines. */
  public Optional<String> meaning() {
    return Optional.ofNullable(MEANINGS.get(code));
  }

  public Action action() {
    return switch (code) {
      case "DENY", "RSTR" -> Action.STOP_USING_SERVER;
      case "RATE" -> Action.REDUCE_RATE;
      case "NTSN" -> Action.RENEW_NTS_KEYS;
      default -> Action.NONE;
    };
  }

  public ReferenceId toReferenceId() {
    return ReferenceId.ofAscii(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
