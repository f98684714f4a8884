package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeCodecTest {

  /** The request ntplab sends: NTPv4; AEAD 15 then 17; End of Message; every record critical. */
  static final String REQUEST = "8001000200008004000400" + "0f00118000" + "0000";

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /**
   * A response shaped like chrony 4.3's (synthetic: the real one travels inside TLS): NTPv4, AEAD
   * 15, {@code cookies} New Cookie records of 100 bytes, End of Message.
   */
  static byte[] chronyLikeResponse(int cookies) {
    StringBuilder hex = new StringBuilder("8001 0002 0000  8004 0002 000f");
    for (int i = 0; i < cookies; i++) {
      hex.append(" 0005 0064 ").append(String.format("%02x", i).repeat(100));
    }
    return hex(hex.append(" 8000 0000").toString());
  }

  @Test
  void theRequestOffersNtpv4AndTheAeadsInOrderThenEnds() {
    assertEquals(
        "8001 0002 0000 8004 0004 000f 0011 8000 0000".replace(" ", ""),
        HexFormat.of().formatHex(KeRequest.encode(KeRequest.DEFAULT_AEADS)));
    assertEquals(REQUEST, HexFormat.of().formatHex(KeRequest.encode(KeRequest.DEFAULT_AEADS)));
  }

  @Test
  void aRequestWithoutAnAeadIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> KeRequest.records(List.of()));
  }

  @Test
  void aResponseDecodesIntoTypedRecordsAndEncodesBackByteForByte() {
    byte[] bytes = chronyLikeResponse(8);
    List<KeRecord> records = KeCodec.decode(bytes);

    assertEquals(11, records.size());
    assertEquals(new KeRecord(true, new KeBody.NextProtocol(List.of(0))), records.get(0));
    assertEquals(new KeRecord(true, new KeBody.AeadAlgorithm(List.of(15))), records.get(1));
    KeBody.NewCookie third = (KeBody.NewCookie) records.get(4).body();
    assertArrayEquals(hex("02".repeat(100)), third.cookie());
    assertEquals(new KeRecord(true, new KeBody.EndOfMessage()), records.get(10));
    assertArrayEquals(bytes, KeCodec.encode(records));
  }

  @Test
  void serverPortErrorAndWarningBodiesAreTyped() {
    // Synthetic: a server sending the NTP side elsewhere, then refusing in the same breath.
    byte[] bytes =
        hex(
            "0006 0009 3132372e302e302e31" // Server "127.0.0.1"
                + "0007 0002 1234" // Port 4660
                + "8002 0002 0001" // Error: Bad Request
                + "8003 0002 8000" // Warning 32768 (private use)
                + "8000 0000");
    assertEquals(
        List.of(
            new KeRecord(false, new KeBody.Server("127.0.0.1")),
            new KeRecord(false, new KeBody.Port(0x1234)),
            new KeRecord(true, new KeBody.Error(ErrorCode.BAD_REQUEST.code())),
            new KeRecord(true, new KeBody.Warning(0x8000)),
            new KeRecord(true, new KeBody.EndOfMessage())),
        KeCodec.decode(bytes));
    assertArrayEquals(bytes, KeCodec.encode(KeCodec.decode(bytes)));
  }

  @Test
  void anUnknownRecordNotMarkedCriticalIsKeptAsItCame() {
    // Synthetic: type 0x4000, the first of the private-use range, between two known records.
    byte[] bytes = hex("8001 0002 0000  4000 0003 abcdef  8000 0000");
    List<KeRecord> records = KeCodec.decode(bytes);
    assertEquals(new KeRecord(false, new KeBody.Unknown(0x4000, hex("abcdef"))), records.get(1));
    assertEquals("type 16384", records.get(1).name());
    assertArrayEquals(bytes, KeCodec.encode(records));
  }

  @Test
  void anUnknownRecordMarkedCriticalIsRefused() {
    MalformedKeException e =
        assertThrows(
            MalformedKeException.class, () -> KeCodec.decode(hex("8001 0002 0000  c000 0000")));
    assertEquals(6, e.offset());
    assertEquals(
        "byte 6 (record 2, type 16384): an unknown record type marked critical: a receiver must"
            + " not skip it (RFC 8915 §4)",
        e.getMessage());
  }

  @Test
  void aBodyCutShortSaysHowLongItShouldBeAndWhereTheMessageEnded() {
    byte[] whole = chronyLikeResponse(1);
    byte[] cut = java.util.Arrays.copyOf(whole, 12 + 4 + 40);
    MalformedKeException e = assertThrows(MalformedKeException.class, () -> KeCodec.decode(cut));
    assertEquals(
        "byte 12 (record 3, New Cookie for NTPv4): the body is 100 bytes, the message ended after"
            + " 40",
        e.getMessage());
  }

  @Test
  void aMessageWithoutEndOfMessageIsRefused() {
    MalformedKeException e =
        assertThrows(
            MalformedKeException.class,
            () -> KeCodec.decode(hex("8001 0002 0000  8004 0002 000f")));
    assertEquals(
        "byte 12 (record 3): the message ended after 2 records without End of Message (record type"
            + " 0)",
        e.getMessage());
  }

  @Test
  void aMessageEndingInsideAHeaderSaysSo() {
    MalformedKeException e =
        assertThrows(MalformedKeException.class, () -> KeCodec.decode(hex("8001 0002 0000  80")));
    assertEquals(
        "byte 6 (record 2): the message ended inside a record header: 1 of 4 bytes",
        e.getMessage());
  }

  /** Synthetic bodies of the wrong shape for their type, each followed by End of Message. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "End of Message with a body | 8000 0001 00 | End of Message): the body is 1 bytes, End of"
            + " Message has none",
        "Error of 3 bytes | 8002 0003 000100 8000 0000 | Error): the body is 3 bytes, one 16-bit"
            + " number was expected",
        "Port of 1 byte | 0007 0001 7b 8000 0000 | NTPv4 Port Negotiation): the body is 1 bytes,"
            + " one 16-bit number was expected",
        "AEAD list of odd length | 8004 0003 000f00 8000 0000 | AEAD Algorithm Negotiation): the"
            + " body is 3 bytes, a list of 16-bit ids was expected",
        "Server name in UTF-8 | 0006 0004 6dc3a9 74 8000 0000 | NTPv4 Server Negotiation): body"
            + " byte 1 is 0xc3, a name or address in printable ASCII was expected",
        "Server name empty | 0006 0000 8000 0000 | NTPv4 Server Negotiation): the body is empty, a"
            + " server name or address was expected",
      })
  void aBodyOfTheWrongShapeForItsTypeIsRefused(String what, String hex, String message) {
    MalformedKeException e =
        assertThrows(MalformedKeException.class, () -> KeCodec.decode(hex(hex)));
    assertEquals("byte 0 (record 1, " + message, e.getMessage(), what);
  }

  @Test
  void bytesAfterEndOfMessageAreRefusedInAWholeMessage() {
    MalformedKeException e =
        assertThrows(
            MalformedKeException.class, () -> KeCodec.decode(hex("8000 0000 0005 0001 ff")));
    assertEquals(
        "byte 4 (after End of Message): 5 bytes follow End of Message, which ends the message",
        e.getMessage());
  }

  @Test
  void readingAStreamStopsAtEndOfMessageAndLeavesTheRestUnread() throws IOException {
    // The server may keep the connection open after its response: reading must not wait for more.
    byte[] response = chronyLikeResponse(2);
    byte[] more = hex("0005 0001 ff");
    ByteArrayInputStream in = new ByteArrayInputStream(concat(response, more));
    assertEquals(5, KeCodec.read(in, KeCodec.MAX_MESSAGE).size());
    assertEquals(more.length, in.available());
  }

  @Test
  void aResponseLongerThanTheLimitIsRefusedBeforeItsBodyIsRead() {
    // Synthetic: cookies of 60000 bytes until the limit; each body is refused before it is read.
    List<KeRecord> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(new KeRecord(false, new KeBody.NewCookie(new byte[60_000])));
    }
    byte[] bytes = KeCodec.encode(records);
    MalformedKeException e =
        assertThrows(
            MalformedKeException.class,
            () -> KeCodec.read(new ByteArrayInputStream(bytes), KeCodec.MAX_MESSAGE));
    assertEquals(60_004, e.offset());
    assertTrue(e.getMessage().contains("past 65536 bytes without End of Message"), e.getMessage());
  }

  @Test
  void theCriticalBitIsTheTopBitAndTheTypeTheOther15() {
    byte[] encoded = new KeRecord(false, new KeBody.Unknown(0x7fff, new byte[0])).encode();
    assertEquals("7fff0000", HexFormat.of().formatHex(encoded));
    assertEquals(
        "80050000",
        HexFormat.of().formatHex(new KeRecord(true, new KeBody.NewCookie(new byte[0])).encode()));
  }

  @Test
  void describedNumbersNameWhatTheRfcsRegister() {
    assertEquals("15 (AEAD_AES_SIV_CMAC_256)", Aead.describe(15));
    assertEquals("30 (unknown)", Aead.describe(30));
    assertEquals("5 (New Cookie for NTPv4)", RecordType.describe(5));
    assertEquals("0 (Unrecognized Critical Record)", ErrorCode.describe(0));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
