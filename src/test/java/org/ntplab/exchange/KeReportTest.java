package org.ntplab.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeRecord;

/** An NTS-KE response as chrony sends it, shown record by record. */
class KeReportTest {

  private static final KeBody.NewCookie COOKIE = new KeBody.NewCookie(new byte[100]);

  private static List<KeRecord> chronyLike() {
    List<KeRecord> records = new ArrayList<>();
    records.add(new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4))));
    records.add(new KeRecord(true, new KeBody.AeadAlgorithm(List.of(15))));
    records.add(new KeRecord(false, new KeBody.Port(11123)));
    records.addAll(Collections.nCopies(8, new KeRecord(false, COOKIE)));
    records.add(new KeRecord(true, new KeBody.EndOfMessage()));
    return records;
  }

  @Test
  void eachRecordShowsItsCriticalBitTypeAndBody() {
    List<String> lines = KeReport.lines(chronyLike());
    assertEquals("  crit type  record                           body", lines.get(0));
    assertEquals("  *   1     NTS Next Protocol Negotiation    NTPv4 (0)", lines.get(1));
    assertEquals(
        "  *   4     AEAD Algorithm Negotiation       15 (AEAD_AES_SIV_CMAC_256)", lines.get(2));
    assertEquals(
        "      7     NTPv4 Port Negotiation           NTP goes to port 11123", lines.get(3));
    assertEquals("      5     New Cookie for NTPv4             100 bytes, opaque", lines.get(4));
    assertEquals("  *   0     End of Message", lines.get(12));
  }

  @Test
  void cookiesAreCountedWithTheirSize() {
    assertEquals("8 cookies, 100 bytes each", KeReport.cookies(Collections.nCopies(8, COOKIE)));
    assertEquals("1 cookie, 100 bytes", KeReport.cookies(List.of(COOKIE)));
  }

  @Test
  void anErrorRecordIsNamed() {
    assertEquals("error 1 (Bad Request)", KeReport.body(new KeBody.Error(1)));
  }
}
