package org.ntplab.testing;

import org.junit.jupiter.api.function.Executable;

/** A system property set for the length of a block, then put back as it was. */
public final class SystemProperty {

  private SystemProperty() {}

  /** Runs {@code body} with {@code name} set to {@code value}; after, the value it had, or none. */
  public static void with(String name, String value, Executable body) throws Throwable {
    String before = System.getProperty(name);
    System.setProperty(name, value);
    try {
      body.execute();
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }
}
