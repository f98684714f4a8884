package org.ntplab.grading;

import java.util.Set;
import java.util.function.Function;

/**
 * One question put to the student's code: on which fixture, about which field, the call as the
 * student would write it, the reference's answer, how to compare, and the rules of the lab's README
 * it would catch broken.
 *
 * @param fixture fixture id and which packet, e.g. {@code chrony-4.3 (reply)}, or {@code edge};
 *     empty for a question that stands on no packet, which the field then names alone
 * @param field what is asked, e.g. {@code stratum}, or for no fixture {@code question 1}
 * @param call the call, e.g. {@code toInstant(0xeeacbd2e, 0x61faa000)}
 * @param rules ids from the lab README's "Rules the grader checks" ({@link Rules}) that an answer
 *     breaking them gets wrong here, e.g. {@code poll-signed} on a packet whose poll is negative
 */
public record Case<S>(
    String fixture,
    String field,
    String call,
    Object expected,
    Function<S, ?> answer,
    Comparison comparison,
    Set<String> rules) {

  public Case {
    rules = Set.copyOf(rules);
  }

  /** A case that witnesses no rule of its lab's README. */
  public Case(
      String fixture,
      String field,
      String call,
      Object expected,
      Function<S, ?> answer,
      Comparison comparison) {
    this(fixture, field, call, expected, answer, comparison, Set.of());
  }
}
