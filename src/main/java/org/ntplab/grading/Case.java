package org.ntplab.grading;

import java.util.function.Function;

/**
 * One question put to the student's code: on which fixture, about which field, the call as the
 * student would write it, the reference's answer, and how to compare.
 *
 * @param fixture fixture id and which packet, e.g. {@code chrony-4.3 (reply)}, or {@code edge};
 *     empty for a question that stands on no packet, which the field then names alone
 * @param field what is asked, e.g. {@code stratum}, or for no fixture {@code question 1}
 * @param call the call, e.g. {@code toInstant(0xeeacbd2e, 0x61faa000)}
 */
public record Case<S>(String fixture, String field, String call, Object expected,
    Function<S, ?> answer, Comparison comparison) {}
