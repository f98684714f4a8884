package org.ntplab.nts;

import java.util.List;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpPacket;

/** What checking an NTS-protected packet found: verified, not verified and why, or a NAK. */
public sealed interface NtsCheck {

  /**
   * The authenticator verified.
   *
   * @param inner the fields that were encrypted, in order (a reply's new cookies)
   */
  record Verified(NtpPacket packet, List<ExtensionField> inner) implements NtsCheck {
    public Verified {
      inner = List.copyOf(inner);
    }

    /** The cookies among the encrypted fields: what a client keeps for its next requests. */
    public List<Cookie> cookies() {
      return inner.stream()
          .filter(f -> f.type() == NtsField.COOKIE)
          .map(f -> new Cookie(f.value()))
          .toList();
    }
  }

  /** Not verified: the packet must not be used. */
  record NotVerified(Reason reason, String detail) implements NtsCheck {}

  /**
   * An NTS NAK (RFC 8915 §5.7): kiss code NTSN with the request's unique identifier, meaning the
   * server could not read the cookie; unauthenticated by design, so the client only learns to do
   * NTS-KE again.
   */
  record Nak(NtpPacket packet) implements NtsCheck {}

  /** Why a packet did not verify. */
  enum Reason {
    MALFORMED("the packet does not decode"),
    NO_AUTHENTICATOR("no NTS authenticator field"),
    MALFORMED_AUTHENTICATOR("the authenticator's lengths do not fit it"),
    FIELD_AFTER_AUTHENTICATOR("an unauthenticated extension field follows the authenticator"),
    AUTHENTICATION_FAILED("the authenticator does not verify under the key"),
    MALFORMED_INNER_FIELDS("the decrypted fields do not parse"),
    NO_UNIQUE_IDENTIFIER("no unique identifier field"),
    UID_MISMATCH("the unique identifier is not the request's");

    private final String meaning;

    Reason(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
