package org.ntplab.grading.channel;

/**
 * An object of the other side, received as an argument of one call: the other side holds it only
 * until that call returns, so it refuses use after that here, with a message, rather than send a
 * call the other side must take as a broken channel.
 */
interface Lent {

  /** The call it was lent for has returned. */
  void expire();

  /** Why a use after {@link #expire} is refused. */
  static IllegalStateException expired(Class<?> type) {
    return new IllegalStateException(
        "this "
            + type.getSimpleName()
            + " was lent for one call, which has returned: use what a method is given only while"
            + " it runs, and keep no reference to it for a later call");
  }
}
