package org.ntplab.client;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Random numbers read from the kernel's generator, {@code /dev/urandom}, for nonces; {@link
 * SecureRandom} where there is no such file.
 *
 * <p>Why not {@code new SecureRandom()} everywhere: on Linux it reads the same file, but its first
 * use loads the security providers and seeds a SHA1PRNG to mix in, about 15 ms of a one-shot {@code
 * inspect}. What the kernel gives is as unpredictable to an off-path attacker, who sees neither
 * this process nor the kernel's state: it is a cryptographic generator (ChaCha20 since Linux 4.8),
 * seeded by the kernel from hardware events, and what SecureRandom itself returns on Linux.
 */
final class KernelRandom implements RandomGenerator {

  private static final String DEVICE = "/dev/urandom";

  private SecureRandom fallback;

  @Override
  public long nextLong() {
    if (fallback == null) {
      try (InputStream in = new FileInputStream(DEVICE)) {
        byte[] bytes = in.readNBytes(Long.BYTES);
        if (bytes.length == Long.BYTES) {
          return ByteBuffer.wrap(bytes).getLong();
        }
      } catch (IOException | SecurityException e) {
        // No such device here (not Linux or a BSD): the JDK's own source below.
      }
      fallback = new SecureRandom();
    }
    return fallback.nextLong();
  }
}
