package org.ntplab.grading;

import static org.ntplab.grading.MistakesTest.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ntplab.lab.AesSivCmac;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsRefusal;
import org.ntplab.lab.NtsReply;

/** {@link MistakesTest}'s rows for lab 10, NTS. */
final class NtsMistakes {

  /** Lab 10's rules no row breaks yet, each with why (read with {@link MistakesTest}'s own). */
  static final Map<String, String> NO_ROW =
      Map.of(
          "lab10 record-header",
          "a header misread shows as another rule's mistake (critical-bit, cookies): no row yet");

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
            reply),
        row(
            "an Error record skipped like any other: no AEAD, no cookies, and on",
            nts,
            "error-record",
            keAnswer(
                o ->
                    o instanceof KeOutcome.Error ? new KeOutcome.Agreed(0, List.of(), "", 123) : o),
            "NTS-KE records",
            "expected Error[code="),
        row(
            "the Port Negotiation record ignored: NTP always to port 123",
            nts,
            "server-port",
            keAnswer(
                o ->
                    o instanceof KeOutcome.Agreed a
                        ? new KeOutcome.Agreed(a.aead(), a.cookies(), a.server(), 123)
                        : o),
            "NTS-KE records",
            "port="),
        row(
            "the cookies kept last first, as a stack",
            nts,
            "cookies",
            keAnswer(
                o -> {
                  if (o instanceof KeOutcome.Agreed a) {
                    List<byte[]> reversed = new ArrayList<>(a.cookies());
                    Collections.reverse(reversed);
                    return new KeOutcome.Agreed(a.aead(), reversed, a.server(), a.port());
                  }
                  return o;
                }),
            "NTS-KE records",
            "expected Agreed[aead=15, cookies=["),
        row(
            "a message without End of Message taken as ended where the bytes end",
            nts,
            "end-of-message",
            new NtsStudents.Nts() {
              @Override
              protected byte[] asRead(byte[] message) {
                boolean ended = !(NtsReference.keOutcome(message) instanceof KeOutcome.Malformed);
                return ended
                    ? message
                    : NtsExercises.concat(message, new byte[] {(byte) 0x80, 0, 0, 0});
              }
            },
            "NTS-KE records",
            "expected Malformed[], got "),
        row(
            "the cookie first, then the unique identifier",
            nts,
            "field-order",
            new NtsStudents.Nts() {
              @Override
              public byte[] requestFields(byte[] uid, byte[] cookie, int placeholders) {
                byte[] right = super.requestFields(uid, cookie, placeholders);
                int uidField = 4 + Math.max(12, NtsStudents.word(uid.length));
                int cookieField = 4 + Math.max(12, NtsStudents.word(cookie.length));
                byte[] swapped = right.clone();
                System.arraycopy(right, uidField, swapped, 0, cookieField);
                System.arraycopy(right, 0, swapped, cookieField, uidField);
                return swapped;
              }
            },
            "the request's fields",
            "field request fields: requestFields("),
        row(
            "the request's associated data without its header",
            nts,
            "associated-data",
            new NtsStudents.Nts() {
              @Override
              protected byte[] requestAssociatedData(byte[] packet) {
                return Arrays.copyOfRange(packet, 48, packet.length);
              }
            },
            "the authenticator",
            "field authenticator: authenticator(packet, "),
        row(
            "the nonce length written padded, as the field holds it",
            nts,
            "authenticator-lengths",
            new NtsStudents.Nts() {
              @Override
              public byte[] authenticator(
                  byte[] packet, byte[] c2s, byte[] nonce, AesSivCmac aead) {
                byte[] field = super.authenticator(packet, c2s, nonce, aead);
                field[5] = (byte) NtsStudents.word(nonce.length);
                return field;
              }
            },
            "the authenticator",
            "13-byte nonce"),
        row(
            "the cookie fields returned whole, type and length included",
            nts,
            "verified-cookies",
            new NtsStudents.Nts() {
              @Override
              public NtsReply checkReply(byte[] bytes, byte[] uid, byte[] s2c, AesSivCmac aead) {
                NtsReply r = super.checkReply(bytes, uid, s2c, aead);
                return r instanceof NtsReply.Verified v
                    ? new NtsReply.Verified(
                        v.cookies().stream().map(c -> NtsReplyCases.field(0x0204, c)).toList())
                    : r;
              }
            },
            "checking a reply",
            "expected Verified[cookies=["),
        row(
            "an NTS NAK not recognised: refused for its missing authenticator",
            nts,
            "nak",
            refusalTakenAs(NtsRefusal.NAK, new NtsReply.Refused(NtsRefusal.NO_AUTHENTICATOR)),
            "checking a reply",
            "expected Refused[reason=NAK]"),
        row(
            "a reply without an authenticator taken: nothing to check, no cookies",
            nts,
            "no-authenticator",
            refusalTakenAs(NtsRefusal.NO_AUTHENTICATOR, new NtsReply.Verified(List.of())),
            "checking a reply",
            "expected Refused[reason=NO_AUTHENTICATOR]"),
        row(
            "what follows the authenticator ignored",
            nts,
            "field-after-authenticator",
            refusalTakenAs(NtsRefusal.FIELD_AFTER_AUTHENTICATOR, new NtsReply.Verified(List.of())),
            "checking a reply",
            "expected Refused[reason=FIELD_AFTER_AUTHENTICATOR]"));
  }

  /** A student whose NTS-KE answer is the right one passed through {@code wrong}. */
  private static NtsStudents.Nts keAnswer(UnaryOperator<KeOutcome> wrong) {
    return new NtsStudents.Nts() {
      @Override
      public KeOutcome keResponse(byte[] message) {
        return wrong.apply(super.keResponse(message));
      }
    };
  }

  /** A student who answers {@code instead} where the reference refuses for {@code reason}. */
  private static NtsStudents.Nts refusalTakenAs(NtsRefusal reason, NtsReply instead) {
    return new NtsStudents.Nts() {
      @Override
      public NtsReply checkReply(byte[] bytes, byte[] uid, byte[] s2c, AesSivCmac aead) {
        NtsReply r = super.checkReply(bytes, uid, s2c, aead);
        return r.equals(new NtsReply.Refused(reason)) ? instead : r;
      }
    };
  }
}
