package org.ntplab.grading;

import static org.ntplab.grading.MistakesTest.row;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@link MistakesTest}'s rows for lab 10, NTS. */
final class NtsMistakes {

  /** Lab 10's rules no row breaks yet, each with why (read with {@link MistakesTest}'s own). */
  static final Map<String, String> NO_ROW =
      Map.of(
          "lab10 record-header", "every row of lab 10's NTS-KE reads the header; no row yet",
          "lab10 cookies", "no row yet",
          "lab10 server-port", "no row yet",
          "lab10 error-record", "no row yet",
          "lab10 end-of-message", "no row yet",
          "lab10 field-order", "no row yet",
          "lab10 associated-data", "the reply's row, reply-associated-data, is the same rule",
          "lab10 authenticator-lengths", "no row yet",
          "lab10 verified-cookies", "no row yet",
          "lab10 nak", "no row yet");

  /** Rules whose rows are not written yet, beyond {@link #NO_ROW} (Map.of holds ten). */
  static final Map<String, String> NO_ROW_MORE =
      Map.of(
          "lab10 no-authenticator", "no row yet",
          "lab10 field-after-authenticator", "no row yet");

  private NtsMistakes() {}

  static List<MistakesTest.Mistake<?>> rows() {
    Lab nts = Lab.of(10);
    String reply = "field reply: checkReply(reply, ";
    return List.of(
        row(
            "the critical bit ignored: an unknown critical record skipped like any other",
            nts,
            "critical-bit",
            new NtsStudents.Nts() {
              @Override
              protected byte[] asRead(byte[] message) {
                return NtsStudents.criticalBits(message, false);
              }
            },
            "NTS-KE records",
            "expected Malformed[], got Agreed["),
        row(
            "every record taken as critical: an unknown one refused though it may be skipped",
            nts,
            "skip-unknown",
            new NtsStudents.Nts() {
              @Override
              protected byte[] asRead(byte[] message) {
                return NtsStudents.criticalBits(message, true);
              }
            },
            "NTS-KE records",
            "expected Agreed["),
        row(
            "the placeholder's body as long as the cookie, unpadded",
            nts,
            "pad-to-word",
            new NtsStudents.Nts() {
              @Override
              protected int placeholderBody(byte[] cookie) {
                return cookie.length;
              }
            },
            "the request's fields",
            "101-byte cookie"),
        row(
            "no additional padding after a nonce shorter than 16 bytes",
            nts,
            "nonce-room",
            new NtsStudents.Nts() {
              @Override
              protected int additionalPadding(int nonceRoom) {
                return 0;
              }
            },
            "the authenticator",
            "12-byte nonce"),
        row(
            "placeholders of 100 bytes whatever the cookie, chrony's size",
            nts,
            "placeholder-size",
            new NtsStudents.Nts() {
              @Override
              protected int placeholderBody(byte[] cookie) {
                return 100;
              }
            },
            "the request's fields",
            "field request fields: requestFields("),
        row(
            "the nonce not padded to a multiple of 4 before the ciphertext",
            nts,
            "nonce-padded",
            new NtsStudents.Nts() {
              @Override
              protected int noncePadded(int length) {
                return length;
              }
            },
            "the authenticator",
            "13-byte nonce"),
        row(
            "the reply's associated data including the authenticator field",
            nts,
            "reply-associated-data",
            new NtsStudents.Nts() {
              @Override
              protected byte[] associatedData(byte[] bytes, int authenticatorAt) {
                return Arrays.copyOf(bytes, bytes.length);
              }
            },
            "checking a reply",
            "expected Verified[cookies=["),
        row(
            "a reply accepted whatever unique identifier it echoes",
            nts,
            "uid-mismatch",
            new NtsStudents.Nts() {
              @Override
              protected boolean checksUid() {
                return false;
              }
            },
            "checking a reply",
            "expected Refused[reason=UID_MISMATCH]"),
        row(
            "the authenticator not checked: a reply that does not open taken without cookies",
            nts,
            "authentication-failed",
            new NtsStudents.Nts() {
              @Override
              protected boolean checksAuthenticator() {
                return false;
              }
            },
            "checking a reply",
            reply));
  }
}
