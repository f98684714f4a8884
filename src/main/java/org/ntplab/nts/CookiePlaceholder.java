package org.ntplab.nts;

import org.ntplab.wire.ExtensionField;

/**
 * An NTS Cookie Placeholder (RFC 8915 §5.5): zeros as long as a cookie, asking the server for one
 * more cookie while keeping the reply no larger than the request.
 *
 * @param length bytes of the body, the size of the cookie it asks for
 */
public record CookiePlaceholder(int length) implements NtsField {

  @Override
  public ExtensionField toField() {
    return new ExtensionField(COOKIE_PLACEHOLDER, Bytes.padded(new byte[length]));
  }
}
