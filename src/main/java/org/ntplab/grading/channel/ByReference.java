package org.ntplab.grading.channel;

/**
 * An answer that crosses by reference, callable over there as {@code type} (an interface of the
 * contracts).
 */
public record ByReference(Object target, Class<?> type) {

  public ByReference {
    if (!type.isInterface()
        || !type.getName().startsWith(Values.CONTRACTS)
        || !type.isInstance(target)) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " is not a " + type.getName());
    }
  }
}
