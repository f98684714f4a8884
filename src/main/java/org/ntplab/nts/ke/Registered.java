package org.ntplab.nts.ke;

import java.util.Arrays;
import java.util.Optional;

/** A number IANA registered for NTS (record types, AEADs, error codes), with its name. */
interface Registered {

  /** The number on the wire. */
  int code();

  /** The name in the registry, e.g. {@code New Cookie for NTPv4}. */
  String registeredName();

  /** The constant of {@code registry} numbered {@code code}, or empty for an unregistered one. */
  static <E extends Enum<E> & Registered> Optional<E> find(Class<E> registry, int code) {
    return Arrays.stream(registry.getEnumConstants()).filter(e -> e.code() == code).findFirst();
  }

  /** {@code 5 (New Cookie for NTPv4)}, or {@code 1234 (unknown)}: how a number is shown. */
  static <E extends Enum<E> & Registered> String describe(Class<E> registry, int code) {
    return code
        + " ("
        + find(registry, code).map(Registered::registeredName).orElse("unknown")
        + ")";
  }
}
