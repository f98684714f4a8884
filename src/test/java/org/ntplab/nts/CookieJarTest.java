package org.ntplab.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntplab.testing.TestClock;

/** The server's cookies: they carry the keys back, refuse any change, and expire with rotation. */
class CookieJarTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final CookieJar jar = new CookieJar(clock, HOUR, new SecureRandom());

  @ParameterizedTest
  @EnumSource(
      value = Aead.class,
      names = {"AES_SIV_CMAC_256", "AES_SIV_CMAC_512"})
  void aCookieOpensToTheKeysItWasMadeFrom(Aead aead) {
    NtsKeys keys = keys(aead);
    Cookie cookie = jar.make(keys);
    assertEquals(new CookieOpening.Opened(keys), jar.open(cookie));
    assertEquals(0, cookie.length() % 4, "a whole number of words: the field adds no padding");
    assertEquals(aead == Aead.AES_SIV_CMAC_256 ? 104 : 168, cookie.length());
  }

  @Test
  void twoCookiesForTheSameKeysDifferSoThatAnObserverCannotLinkThem() {
    NtsKeys keys = keys(Aead.AES_SIV_CMAC_256);
    assertNotEquals(jar.make(keys), jar.make(keys));
  }

  @Test
  void everyFlippedBitIsRefused() {
    byte[] bytes = jar.make(keys(Aead.AES_SIV_CMAC_256)).bytes();
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] tampered = bytes.clone();
      tampered[bit / 8] ^= (byte) (1 << bit % 8);
      CookieOpening.NotOpened refused =
          assertInstanceOf(CookieOpening.NotOpened.class, jar.open(new Cookie(tampered)));
      // A bit of the key id names a key that does not exist; any other fails authentication.
      assertEquals(
          bit < 32 ? CookieOpening.Reason.UNKNOWN_KEY : CookieOpening.Reason.NOT_AUTHENTIC,
          refused.reason(),
          "bit " + bit);
    }
  }

  @Test
  void anotherServersCookieIsNotAuthenticHere() {
    CookieJar other = new CookieJar(clock, HOUR, new SecureRandom());
    Cookie theirs = other.make(keys(Aead.AES_SIV_CMAC_256));
    // Same clock, same period: the key id matches, the master key does not.
    assertEquals(CookieOpening.Reason.NOT_AUTHENTIC, notOpened(theirs).reason());
  }

  @Test
  void aShortOrEmptyCookieIsMalformed() {
    assertEquals(CookieOpening.Reason.MALFORMED, notOpened(new Cookie(new byte[39])).reason());
    assertEquals(CookieOpening.Reason.MALFORMED, notOpened(new Cookie(new byte[0])).reason());
  }

  @Test
  void aCookieStillOpensInTheNextPeriodAndNotInTheOneAfter() {
    NtsKeys keys = keys(Aead.AES_SIV_CMAC_256);
    Cookie cookie = jar.make(keys);
    clock.advance(HOUR);
    Cookie fresh = jar.make(keys);
    assertNotEquals(
        java.util.Arrays.copyOf(cookie.bytes(), 4),
        java.util.Arrays.copyOf(fresh.bytes(), 4),
        "a new period makes cookies under a new key id");
    assertEquals(new CookieOpening.Opened(keys), jar.open(cookie), "the previous key still opens");
    clock.advance(HOUR);
    assertEquals(CookieOpening.Reason.UNKNOWN_KEY, notOpened(cookie).reason(), "retired");
    assertEquals(new CookieOpening.Opened(keys), jar.open(fresh));
  }

  @Test
  void aClockThatJumpsTwoPeriodsRetiresBothKeys() {
    Cookie cookie = jar.make(keys(Aead.AES_SIV_CMAC_256));
    clock.advance(HOUR.multipliedBy(5));
    assertEquals(CookieOpening.Reason.UNKNOWN_KEY, notOpened(cookie).reason());
  }

  @Test
  void aRotationUnderASecondIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CookieJar(clock, Duration.ofMillis(999), new SecureRandom()));
  }

  private CookieOpening.NotOpened notOpened(Cookie cookie) {
    return assertInstanceOf(CookieOpening.NotOpened.class, jar.open(cookie));
  }

  private static NtsKeys keys(Aead aead) {
    SecureRandom random = new SecureRandom();
    byte[] c2s = new byte[aead.keyLength()];
    byte[] s2c = new byte[aead.keyLength()];
    random.nextBytes(c2s);
    random.nextBytes(s2c);
    return new NtsKeys(aead, c2s, s2c);
  }
}
