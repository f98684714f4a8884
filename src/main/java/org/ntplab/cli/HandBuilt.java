package org.ntplab.cli;

import java.time.Duration;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Options of the commands whose start-up matters ({@code ntplab} itself, {@code inspect} and the
 * query options), built with picocli's programmatic API. An annotated command costs picocli's
 * reflection and a generated proxy class per annotation type at every start: most of a short run
 * (BENCHMARKS.md, "One query"). The other commands stay annotated.
 */
final class HandBuilt {

  private HandBuilt() {}

  /** An option taking a value: {@code defaultValue} may be null for none. */
  static OptionSpec option(
      String name, String label, Class<?> type, String defaultValue, String... description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(type)
        .defaultValue(defaultValue)
        .description(description)
        .build();
  }

  /** An option taking a duration as people type it (see {@link DurationConverter}). */
  static OptionSpec duration(
      String name, String label, String defaultValue, String... description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(Duration.class)
        .converters(new DurationConverter())
        .defaultValue(defaultValue)
        .description(description)
        .build();
  }

  /** An option without a value: false until given. */
  static OptionSpec flag(String name, String... description) {
    return OptionSpec.builder(name)
        .type(boolean.class)
        .initialValue(false)
        .description(description)
        .build();
  }

  /** A flag every subcommand takes too, wherever it is given on the command line. */
  static OptionSpec inheritedFlag(String name, String... description) {
    return OptionSpec.builder(name)
        .type(boolean.class)
        .initialValue(false)
        .scopeType(ScopeType.INHERIT)
        .description(description)
        .build();
  }

  /** {@code -h, --help}, as picocli's standard help option. */
  static OptionSpec help(String description) {
    return OptionSpec.builder("-h", "--help").usageHelp(true).description(description).build();
  }

  /** The value an option or parameter was given, or its default. */
  static <T> T value(ArgSpec option) {
    return option.getValue();
  }

  /** Adds {@code options} to {@code spec}. */
  static void add(CommandSpec spec, OptionSpec... options) {
    for (OptionSpec option : options) {
      spec.addOption(option);
    }
  }
}
