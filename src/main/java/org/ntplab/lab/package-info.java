/**
 * The contracts students implement, one small interface per lab. They use plain Java types (long,
 * int, byte[], Instant, Duration) so a student never needs the reference codec; the grader ({@code
 * org.ntplab.grading}) compares each answer with the reference per fixture.
 *
 * <p>Unsigned 32-bit wire values (root delay, root dispersion, reference ID) travel as {@code long}
 * in 0..2^32-1, and 64-bit NTP timestamps as the raw {@code long} of their bits (read as unsigned),
 * because Java has no unsigned types and a negative {@code int} would be a trap.
 */
package org.ntplab.lab;
