package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceIdTest {

  @ParameterizedTest(name = "{0} at stratum {1}, v{2} -> {3} ({4})")
  @CsvSource({
    "52415445, 0, 4, RATE, KISS_CODE",
    "494e4954, 0, 3, INIT, KISS_CODE",
    "47505300, 1, 4, GPS, REFERENCE_CLOCK",
    "50505300, 1, 3, PPS, REFERENCE_CLOCK",
    "4c4f434c, 1, 4, LOCL, REFERENCE_CLOCK",
    "7f7f0101, 3, 4, 127.127.1.1, IPV4_OR_IPV6_HASH",
    "0a051b0a, 2, 4, 10.5.27.10, IPV4_OR_IPV6_HASH",
    "8295110f, 2, 3, 130.149.17.15, IPV4_ADDRESS",
    "47505300, 2, 3, 71.80.83.0, IPV4_ADDRESS",
    "47505300, 16, 4, 71.80.83.0, IPV4_OR_IPV6_HASH",
    "7f7f0100, 1, 4, 0x7f7f0100, REFERENCE_CLOCK",
    "00000000, 0, 4, '', KISS_CODE",
  })
  void meansWhatItsStratumAndVersionSay(
      String hex, int stratum, int version, String text, ReferenceId.Kind kind) {
    ReferenceId id = new ReferenceId(Integer.parseUnsignedInt(hex, 16));
    assertEquals(text, id.render(stratum, version));
    assertEquals(kind, ReferenceId.kindFor(stratum, version));
    assertEquals(hex, id.hex());
  }

  @Test
  void asciiIsLeftJustifiedAndNulPadded() {
    assertEquals(0x47505300, ReferenceId.ofAscii("GPS").bits());
    assertEquals(0x52415445, ReferenceId.ofAscii("RATE").bits());
    assertEquals(0, ReferenceId.ofAscii("").bits());
  }

  @Test
  void bytesThatAreNotNulPaddedTextAreNotText() {
    assertEquals("", new ReferenceId(0x00475053).asAscii()); // NUL before text
    assertEquals("", new ReferenceId(0x47505301).asAscii()); // control character
    assertEquals("", new ReferenceId(0xc0a80001).asAscii()); // not ASCII
    assertEquals("", new ReferenceId(0).asAscii());
  }

  @Test
  void rejectsTextThatDoesNotFit() {
    assertThrows(IllegalArgumentException.class, () -> ReferenceId.ofAscii("GOOGLE"));
    assertThrows(IllegalArgumentException.class, () -> ReferenceId.ofAscii("é"));
  }

  @Test
  void kissCodesCarryMeaningAndAction() {
    assertEquals(KissCode.Action.STOP_USING_SERVER, KissCode.DENY.action());
    assertEquals(KissCode.Action.STOP_USING_SERVER, KissCode.RSTR.action());
    assertEquals(KissCode.Action.REDUCE_RATE, KissCode.RATE.action());
    assertEquals(KissCode.Action.RENEW_NTS_KEYS, KissCode.NTSN.action());
    assertEquals(KissCode.Action.NONE, KissCode.INIT.action());
    assertEquals(
        "rate exceeded: the server has temporarily denied access",
        KissCode.RATE.meaning().orElseThrow());
    assertEquals(KissCode.RATE, KissCode.from(new ReferenceId(0x52415445)).orElseThrow());
    assertEquals("XYZ", KissCode.from(ReferenceId.ofAscii("XYZ")).orElseThrow().code());
    assertEquals(java.util.Optional.empty(), new KissCode("XYZ").meaning());
  }
}
