package org.ntplab.nts;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The server's cookies (RFC 8915 §6): the association's AEAD and keys sealed with AES-SIV under a
 * master key only the server holds, so that it keeps no state per client and reads the keys back
 * out of the cookie a request carries.
 *
 * <p>A cookie is the master key's id (4 bytes), a nonce (16) and AES-SIV's output over the AEAD id
 * (2 bytes, then 2 of zero), C2S and S2C: 104 bytes for AES-SIV-CMAC-256, 168 for -512, each a
 * whole number of words, so that the Cookie field needs no padding that would change it.
 *
 * <p>Master keys rotate: one per period of {@code rotation} on the clock, numbered by the period.
 * The current key makes cookies; the current and the previous open them, so a cookie lives between
 * one and two periods. A key older than that is forgotten, and so is every key when the server
 * stops: they live in memory only. Safe for the NTS-KE sessions and the NTP loop to share.
 */
public final class CookieJar {

  /** Bytes of a master key: AES-SIV-CMAC-256's. */
  static final int MASTER_KEY_LENGTH = 32;

  private static final int KEY_ID_LENGTH = 4;
  private static final int NONCE_LENGTH = 16;
  private static final int AEAD_LENGTH = 4;

  private final Clock clock;
  private final Duration rotation;
  private final RandomGenerator random;
  private final Map<Long, AesSiv> keys = new HashMap<>();

  /**
   * @param rotation how long a master key makes cookies (at least a second)
   * @param random draws the master keys and the nonces: a {@link java.security.SecureRandom}
   *     outside tests
   */
  public CookieJar(Clock clock, Duration rotation, RandomGenerator random) {
    if (rotation.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("cookie key rotation must be 1 s or more: " + rotation);
    }
    this.clock = clock;
    this.rotation = rotation;
    this.random = random;
  }

  /** A cookie that carries {@code keys}, sealed under the current master key. */
  public synchronized Cookie make(NtsKeys keys) {
    long id = period();
    AesSiv master = keys(id).get(id);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] plaintext =
        ByteBuffer.allocate(AEAD_LENGTH + 2 * keys.aead().keyLength())
            .putShort((short) keys.aead().id())
            .putShort((short) 0)
            .put(keys.c2s())
            .put(keys.s2c())
            .array();
    byte[] sealed = master.seal(nonce, plaintext, keyId(id));
    return new Cookie(
        ByteBuffer.allocate(KEY_ID_LENGTH + NONCE_LENGTH + sealed.length)
            .put(keyId(id))
            .put(nonce)
            .put(sealed)
            .array());
  }

  /** The keys {@code cookie} carries, or why it cannot be opened. */
  public synchronized CookieOpening open(Cookie cookie) {
    byte[] bytes = cookie.bytes();
    if (bytes.length < KEY_ID_LENGTH + NONCE_LENGTH + AesSiv.TAG_LENGTH + AEAD_LENGTH) {
      return new CookieOpening.NotOpened(
          CookieOpening.Reason.MALFORMED, bytes.length + " bytes is too short for a cookie");
    }
    long id = ByteBuffer.wrap(bytes).getInt() & 0xffffffffL;
    AesSiv master = keys(period()).get(id);
    if (master == null) {
      return new CookieOpening.NotOpened(
          CookieOpening.Reason.UNKNOWN_KEY, "master key " + id + " is retired or was never ours");
    }
    byte[] nonce = Arrays.copyOfRange(bytes, KEY_ID_LENGTH, KEY_ID_LENGTH + NONCE_LENGTH);
    byte[] sealed = Arrays.copyOfRange(bytes, KEY_ID_LENGTH + NONCE_LENGTH, bytes.length);
    Optional<byte[]> plaintext = master.open(nonce, sealed, keyId(id));
    if (plaintext.isEmpty()) {
      return new CookieOpening.NotOpened(
          CookieOpening.Reason.NOT_AUTHENTIC, "it does not verify under master key " + id);
    }
    ByteBuffer in = ByteBuffer.wrap(plaintext.get());
    Optional<Aead> aead = Aead.find(in.getShort() & 0xffff);
    int keyLength = aead.map(Aead::keyLength).orElse(-1);
    if (aead.isEmpty() || in.getShort() != 0 || in.remaining() != 2 * keyLength) {
      // Authentic but not ours in shape: only a server bug or a reused master key gets here.
      return new CookieOpening.NotOpened(
          CookieOpening.Reason.MALFORMED, "its contents are not an AEAD and two keys");
    }
    byte[] c2s = new byte[keyLength];
    byte[] s2c = new byte[keyLength];
    in.get(c2s).get(s2c);
    return new CookieOpening.Opened(new NtsKeys(aead.get(), c2s, s2c));
  }

  /** The number of the rotation period the clock is in: the current master key's id. */
  private long period() {
    return Math.floorDiv(clock.millis(), rotation.toMillis()) & 0xffffffffL;
  }

  /**
   * The master keys for period {@code now}: the current one (drawn when first needed) and the
   * previous one if it was ever drawn; older ones are forgotten here.
   */
  private Map<Long, AesSiv> keys(long now) {
    long previous = (now - 1) & 0xffffffffL;
    keys.keySet().removeIf(id -> id != now && id != previous);
    keys.computeIfAbsent(
        now,
        id -> {
          byte[] key = new byte[MASTER_KEY_LENGTH];
          random.nextBytes(key);
          return new AesSiv(Aead.AES_SIV_CMAC_256, key);
        });
    return keys;
  }

  /** The key id as the cookie carries it, also the associated data that binds it to the rest. */
  private static byte[] keyId(long id) {
    return ByteBuffer.allocate(KEY_ID_LENGTH).putInt((int) id).array();
  }
}
