package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client makes of a response's records; all of them synthetic, made for each rule. */
class KeResponseTest {

  private static final SessionKeys KEYS_15 =
      new SessionKeys(Aead.AES_SIV_CMAC_256, new byte[32], filled(32));
  private static final SessionKeys KEYS_17 =
      new SessionKeys(Aead.AES_SIV_CMAC_512, new byte[64], filled(64));
  private static final Map<Aead, SessionKeys> OFFERED =
      Map.of(Aead.AES_SIV_CMAC_256, KEYS_15, Aead.AES_SIV_CMAC_512, KEYS_17);

  private static final KeRecord NTPV4 =
      new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4)));
  private static final KeRecord COOKIE = new KeRecord(false, new KeBody.NewCookie(filled(100)));
  private static final KeRecord END = new KeRecord(true, new KeBody.EndOfMessage());

  private static KeRecord aead(Integer... ids) {
    return new KeRecord(true, new KeBody.AeadAlgorithm(List.of(ids)));
  }

  private static KeResult interpret(KeRecord... records) {
    return KeResponse.interpret(List.of(records), OFFERED, "nts.example", Duration.ZERO);
  }

  private static String refusal(KeRecord... records) {
    return assertInstanceOf(KeResult.Refused.class, interpret(records)).reason();
  }

  @Test
  void theChosenAeadPicksItsKeysAndTheNtpServerIsTheKeHostOnPort123() {
    KeResult.Agreed agreed =
        assertInstanceOf(KeResult.Agreed.class, interpret(NTPV4, aead(17), COOKIE, END));
    assertEquals(KEYS_17, agreed.keys());
    assertEquals(List.of((KeBody.NewCookie) COOKIE.body()), agreed.cookies());
    assertEquals("nts.example", agreed.ntpServer());
    assertEquals(123, agreed.ntpPort());
  }

  @Test
  void serverAndPortNegotiationSayWhereNtpGoes() {
    KeResult.Agreed agreed =
        assertInstanceOf(
            KeResult.Agreed.class,
            interpret(
                NTPV4,
                aead(15),
                new KeRecord(false, new KeBody.Server("192.0.2.7")),
                new KeRecord(false, new KeBody.Port(4123)),
                COOKIE,
                END));
    assertEquals("192.0.2.7", agreed.ntpServer());
    assertEquals(4123, agreed.ntpPort());
  }

  @Test
  void anErrorRecordRefusesWhateverElseCame() {
    assertEquals(
        "the server refused with Error 0 (Unrecognized Critical Record)",
        refusal(NTPV4, aead(15), COOKIE, new KeRecord(true, new KeBody.Error(0)), END));
  }

  @Test
  void aWarningStopsTheClient() {
    assertEquals(
        "the server sent Warning 7, which no RFC defines: ntplab stops rather than guess what it"
            + " means",
        refusal(NTPV4, aead(15), COOKIE, new KeRecord(true, new KeBody.Warning(7)), END));
  }

  @Test
  void anEmptyNextProtocolMeansNoNtsForNtpv4() {
    assertEquals(
        "the server chose protocols [], not NTPv4 (0) alone: it will not do NTS for NTPv4",
        refusal(new KeRecord(true, new KeBody.NextProtocol(List.of())), aead(15), COOKIE, END));
  }

  @Test
  void aMissingNextProtocolIsCounted() {
    assertEquals(
        "0 Next Protocol records, where exactly one says which protocol follows",
        refusal(aead(15), COOKIE, END));
  }

  @Test
  void anAeadThatWasNotOfferedIsRefused() {
    assertEquals(
        "the server chose AEAD 16 (AEAD_AES_SIV_CMAC_384), which was not offered (15"
            + " (AEAD_AES_SIV_CMAC_256), 17 (AEAD_AES_SIV_CMAC_512))",
        refusal(NTPV4, aead(16), COOKIE, END));
  }

  @Test
  void noAeadOrTwoAreNotAChoice() {
    String expected =
        "the server chose no single AEAD algorithm (offered: 15 (AEAD_AES_SIV_CMAC_256), 17"
            + " (AEAD_AES_SIV_CMAC_512))";
    assertEquals(expected, refusal(NTPV4, COOKIE, END));
    assertEquals(expected, refusal(NTPV4, aead(15, 17), COOKIE, END));
  }

  @Test
  void noCookieNoNts() {
    assertEquals(
        "no New Cookie record: without a cookie no NTS request can be sent",
        refusal(NTPV4, aead(15), END));
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) 0x5a);
    return bytes;
  }
}
