package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureJson;

/** {@code decode} with NTS keys, on ntpd-rs's captured request and reply and their keys. */
class DecodeNtsTest {

  private static final Path PAIR = Path.of("fixtures/replies/literal-ntpd-rs-nts-1-2.json");

  private static Fixture pair() throws FixtureException {
    return FixtureJson.read(PAIR);
  }

  private static String[] withKeys(String c2s, String s2c, String... rest) {
    String[] args = new String[5 + rest.length];
    args[0] = "decode";
    args[1] = "--c2s";
    args[2] = c2s;
    args[3] = "--s2c";
    args[4] = s2c;
    System.arraycopy(rest, 0, args, 5, rest.length);
    return args;
  }

  /** {@code hex} with the lowest bit of its digit at {@code index} flipped. */
  private static String flipped(String hex, int index) {
    char digit = Character.forDigit(Character.digit(hex.charAt(index), 16) ^ 1, 16);
    return hex.substring(0, index) + digit + hex.substring(index + 1);
  }

  @Test
  void aFixtureWithKeysVerifiesBothAuthenticatorsAndShowsTheNewCookie() {
    CliRun run = CliRun.of("decode", "-f", PAIR.toString());
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(
        out.contains(
            "NTS: authenticator verified with the C2S key, AES-SIV-CMAC-512 (17)\n"
                + "  encrypted fields: none\n"),
        out);
    assertTrue(
        out.contains(
            "NTS: authenticator verified with the S2C key, AES-SIV-CMAC-512 (17)\n"
                + "  unique identifier: the request's, as it must be\n"
                + "  encrypted fields: 1 new cookie, 168 bytes\n"),
        out);
    assertTrue(
        out.contains(
            "0058   1c c4 0a 94  cookie          168 bytes            opaque: the keys, sealed by"
                + " the server"),
        out);
  }

  @Test
  void theReplyWithItsKeysAsHexVerifiesAndJsonSaysSo() throws Exception {
    Fixture f = pair();
    CliRun run = CliRun.of(withKeys(f.nts().c2s(), f.nts().s2c(), "--json", f.reply()));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode nts = new ObjectMapper().readTree(run.out()).get("nts");
    assertEquals("S2C", nts.get("key").asText());
    assertEquals(17, nts.get("aead").asInt());
    assertTrue(nts.get("verified").asBoolean());
    assertTrue(nts.get("reason").isNull());
    assertFalse(nts.get("uniqueIdentifierCompared").asBoolean(), "no request was given");
    assertEquals(168, nts.get("newCookies").get(0).asInt());
    assertEquals(0x0204, nts.get("encryptedFields").get(0).get("type").asInt());
  }

  @Test
  void oneFlippedKeyBitFailsTheCheckWhichIsExplainedAndExitsTwo() throws FixtureException {
    Fixture f = pair();
    CliRun run = CliRun.of(withKeys(f.nts().c2s(), flipped(f.nts().s2c(), 0), f.reply()));
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(
        run.out()
            .contains(
                "NTS: authenticator NOT verified with the S2C key, AES-SIV-CMAC-512 (17): the"
                    + " authenticator does not verify under the key\n"
                    + "  a wrong key, or bytes changed after the packet was sealed"),
        run.out());
    assertTrue(run.err().contains("NOT verified with the S2C key"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void aRequestIsCheckedWithTheC2sKeyAndAFlippedBitInItFails() throws FixtureException {
    Fixture f = pair();
    String request = f.request().replace(" ", "");
    assertEquals(0, CliRun.of(withKeys(f.nts().c2s(), f.nts().s2c(), request)).exitCode());
    // A bit of the transmit time: the header is associated data, so it no longer verifies.
    CliRun forged = CliRun.of(withKeys(f.nts().c2s(), f.nts().s2c(), flipped(request, 87)));
    assertEquals(Main.BAD_INPUT, forged.exitCode());
    assertTrue(forged.out().contains("NOT verified with the C2S key"), forged.out());
  }

  @Test
  void keysWithAPacketThatHasNoAuthenticatorAreAPlainStatement() throws FixtureException {
    Fixture f = pair();
    CliRun run =
        CliRun.of(withKeys(f.nts().c2s(), f.nts().s2c(), DecodeCommandTest.CLASSIC_REQUEST));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .endsWith(
                "\nNTS: no NTS authenticator in this packet: the keys have nothing to check\n"),
        run.out());
  }

  @Test
  void badKeysAreRefusedInOneLine() throws FixtureException {
    Fixture f = pair();
    CliRun one = CliRun.of("decode", "--s2c", f.nts().s2c(), f.reply());
    assertEquals(Main.BAD_INPUT, one.exitCode());
    assertEquals(
        "ntplab decode: give both --c2s and --s2c (NTS-KE exports the two keys together)\n",
        one.err());
    CliRun notHex =
        CliRun.of(withKeys(f.nts().c2s(), "zz" + f.nts().s2c().substring(2), f.reply()));
    assertEquals(Main.BAD_INPUT, notHex.exitCode());
    assertTrue(notHex.err().contains("S2C key is not hex"), notHex.err());
    CliRun wrongLength =
        CliRun.of(withKeys(f.nts().c2s(), f.nts().s2c(), "--aead", "15", f.reply()));
    assertEquals(Main.BAD_INPUT, wrongLength.exitCode());
    assertTrue(
        wrongLength.err().contains("C2S key is 64 bytes; AES-SIV-CMAC-256 (15) needs 32"),
        wrongLength.err());
  }
}
