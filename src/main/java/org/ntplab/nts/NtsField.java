package org.ntplab.nts;

import java.util.Optional;
import org.ntplab.wire.ExtensionField;

/**
 * An NTS extension field (RFC 8915 §5.3–5.6) read from, or made into, an {@link ExtensionField}.
 */
public sealed interface NtsField
    permits UniqueIdentifier, Cookie, CookiePlaceholder, Authenticator {

  int UNIQUE_IDENTIFIER = 0x0104;
  int COOKIE = 0x0204;
  int COOKIE_PLACEHOLDER = 0x0304;
  int AUTHENTICATOR = 0x0404;

  /** The field as it goes on the wire. */
  ExtensionField toField();

  /**
   * The NTS field {@code field} is, or empty for another type; an authenticator whose lengths
   * overrun it is refused ({@link IllegalArgumentException}, one line).
   */
  static Optional<NtsField> of(ExtensionField field) {
    return Optional.ofNullable(
        switch (field.type()) {
          case UNIQUE_IDENTIFIER -> new UniqueIdentifier(field.value());
          case COOKIE -> new Cookie(field.value());
          case COOKIE_PLACEHOLDER -> new CookiePlaceholder(field.value().length);
          case AUTHENTICATOR -> Authenticator.parse(field.value());
          default -> null;
        });
  }
}
