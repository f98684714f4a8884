package org.ntplab.nts;

/** What {@link CookieJar#open} made of a cookie: the keys it carries, or why none. */
public sealed interface CookieOpening {

  /** The cookie is the server's and carries {@code keys}. */
  record Opened(NtsKeys keys) implements CookieOpening {}

  /** The cookie cannot be used: the server answers with an NTS NAK. */
  record NotOpened(Reason reason, String detail) implements CookieOpening {}

  /** Why a cookie did not open. */
  enum Reason {
    MALFORMED("not the shape of this server's cookies"),
    UNKNOWN_KEY("its master key is retired, or was never this server's"),
    NOT_AUTHENTIC("it does not verify under its master key: forged, altered or not this server's");

    private final String meaning;

    Reason(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
