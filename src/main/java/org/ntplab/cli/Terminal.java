package org.ntplab.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Whether to colour output: never with {@code --no-color}, a set {@code NO_COLOR}, or no terminal.
 */
final class Terminal {

  private Terminal() {}

  /**
   * For the command of {@code spec}: {@code --no-color} is every command's option (see {@link
   * Main}).
   */
  static boolean useColor(CommandSpec spec) {
    return useColor(spec.root().userObject() instanceof Main main && main.noColor());
  }

  static boolean useColor(boolean noColorOption) {
    String noColor = System.getenv("NO_COLOR");
    return !noColorOption && (noColor == null || noColor.isEmpty()) && System.console() != null;
  }

  /** Whether a person is watching: progress may then be redrawn in place with a carriage return. */
  static boolean isInteractive() {
    return System.console() != null;
  }
}
