package org.ntplab.server;

/** Why the server did not answer a datagram. Every drop is counted under one of these. */
public enum DropReason {
  MALFORMED("not an NTP packet"),
  CONTROL_MODE_6("mode 6 control message (ntpq): never answered"),
  PRIVATE_MODE_7("mode 7 private message (ntpdc, monlist): never answered"),
  NOT_A_CLIENT_REQUEST("not a request a server answers (mode 0, 2, 4 or 5)"),
  BAD_SOURCE_PORT("source port 0: no reply can go there"),
  RATE_LIMITED("client over its rate limit"),
  LOSS("simulated loss (--loss)"),
  NTS_UNAUTHENTICATED(
      "NTS request whose authenticator does not verify, or without a unique identifier"),
  QUEUE_FULL("too many delayed replies waiting (--delay, --asymmetry)"),
  SEND_FAILED("the reply could not be sent"),
  INTERNAL_ERROR("server error while answering");

  private final String meaning;

  DropReason(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
