package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsLab;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeCodec;
import org.ntplab.nts.ke.KeRecord;

/**
 * Lab 10's NTS-KE cases: responses made here (synthetic) as chrony and ntpd-rs send them, around
 * captured cookies, with what a client must skip, stop at or refuse. The codec writes them and the
 * reference reads them; nothing expected is written by hand.
 */
final class NtsKeCases {

  private static final int UNKNOWN_TYPE = 0x4e54;

  private NtsKeCases() {}

  /**
   * @param made whether {@code cookies} are made up (no published capture has one), not captured
   */
  static List<Case<NtsLab>> of(
      List<NtsExercises.Captured> captured, List<byte[]> cookies, boolean made) {
    String from = made ? "made-up cookies" : "captured cookies";
    List<Case<NtsLab>> cases = new ArrayList<>();
    for (NtsExercises.Captured c : captured) {
      if (c.nts().flatMap(n -> n.keBytes()).isEmpty()) {
        continue;
      }
      byte[] ke = c.nts().get().keBytes().get();
      String label = c.id() + " (NTS-KE response)";
      cases.add(ke(label, ke));
      cases.add(
          ke(
              label + " with an unknown record marked critical in front (synthetic)",
              NtsExercises.concat(
                  new KeRecord(true, new KeBody.Unknown(UNKNOWN_TYPE, new byte[4])).encode(), ke)));
      cases.add(
          ke(label + " cut before End of Message (synthetic)", Arrays.copyOf(ke, ke.length - 4)));
    }
    List<KeRecord> chrony = agreed(15, cookies, 8);
    cases.add(ke("chrony's shape: AEAD 15, 8 cookies (synthetic, " + from + ")", chrony));
    List<KeRecord> negotiated = new ArrayList<>(agreed(17, cookies, 2));
    negotiated.add(1, new KeRecord(true, new KeBody.Port(11123)));
    negotiated.add(1, new KeRecord(true, new KeBody.Server("127.0.0.1")));
    cases.add(ke("AEAD 17, server and port negotiated (synthetic, " + from + ")", negotiated));
    List<KeRecord> unknown = new ArrayList<>(agreed(15, cookies, 3));
    unknown.add(2, new KeRecord(false, new KeBody.Unknown(UNKNOWN_TYPE, new byte[] {1, 2, 3})));
    cases.add(ke("an unknown record, not critical (synthetic)", unknown));
    List<KeRecord> critical = new ArrayList<>(agreed(15, cookies, 3));
    critical.add(2, new KeRecord(true, new KeBody.Unknown(UNKNOWN_TYPE, new byte[] {1, 2, 3})));
    cases.add(ke("an unknown record marked critical (synthetic)", critical));
    cases.add(
        ke(
            "Error 1, Bad Request (synthetic)",
            List.of(
                new KeRecord(true, new KeBody.Error(1)),
                new KeRecord(true, new KeBody.EndOfMessage()))));
    cases.add(
        ke(
            "Error 0 after Next Protocol (synthetic)",
            List.of(
                new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4))),
                new KeRecord(true, new KeBody.Error(0)),
                new KeRecord(true, new KeBody.EndOfMessage()))));
    byte[] whole = KeCodec.encode(chrony);
    cases.add(
        ke(
            "chrony's shape without End of Message (synthetic)",
            Arrays.copyOf(whole, whole.length - 4)));
    cases.add(
        ke(
            "chrony's shape cut inside its last cookie (synthetic)",
            Arrays.copyOf(whole, whole.length - 10)));
    cases.add(
        ke(
            "chrony's shape with bytes after End of Message (synthetic)",
            NtsExercises.concat(whole, new byte[] {0, 1, 0, 0})));
    return cases;
  }

  /** Next Protocol NTPv4, the AEAD, {@code count} cookies, End of Message. */
  private static List<KeRecord> agreed(int aead, List<byte[]> cookies, int count) {
    List<KeRecord> records = new ArrayList<>();
    records.add(new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4))));
    records.add(new KeRecord(true, new KeBody.AeadAlgorithm(List.of(aead))));
    for (int i = 0; i < count; i++) {
      byte[] cookie = cookies.get(i % cookies.size()).clone();
      cookie[cookie.length - 1] ^= (byte) i; // each its own, as a server's are
      records.add(new KeRecord(false, new KeBody.NewCookie(cookie)));
    }
    records.add(new KeRecord(true, new KeBody.EndOfMessage()));
    return records;
  }

  private static Case<NtsLab> ke(String label, List<KeRecord> records) {
    return ke(label, KeCodec.encode(records));
  }

  private static Case<NtsLab> ke(String label, byte[] message) {
    KeOutcome expected = NtsReference.keOutcome(message);
    return new Case<>(
        label,
        "NTS-KE response",
        "keResponse(" + NtsExercises.hex(message) + ")",
        expected,
        lab -> lab.keResponse(message.clone()),
        Comparison.exact(),
        rules(label, expected));
  }

  private static Set<String> rules(String label, KeOutcome expected) {
    Set<String> rules = new java.util.LinkedHashSet<>(Set.of("record-header"));
    if (expected instanceof KeOutcome.Agreed a) {
      rules.add("cookies");
      rules.addAll(Rules.when(!a.server().isEmpty(), "server-port"));
      rules.addAll(Rules.when(label.contains("not critical"), "skip-unknown"));
    } else if (expected instanceof KeOutcome.Error) {
      rules.add("error-record");
    } else {
      rules.addAll(Rules.when(label.contains("critical"), "critical-bit"));
      rules.addAll(Rules.when(!label.contains("critical"), "end-of-message"));
    }
    return rules;
  }
}
