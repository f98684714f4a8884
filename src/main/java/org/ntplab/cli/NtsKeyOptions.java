package org.ntplab.cli;

import java.util.Optional;
import org.ntplab.nts.NtsKeys;
import picocli.CommandLine.Option;

/** {@code --c2s HEX --s2c HEX [--aead ID]}: an NTS exchange's keys, as NTS-KE exported them. */
final class NtsKeyOptions {

  @Option(
      names = "--c2s",
      paramLabel = "HEX",
      description = "NTS client-to-server key: checks a request's authenticator.")
  String c2s;

  @Option(
      names = "--s2c",
      paramLabel = "HEX",
      description = "NTS server-to-client key: checks a reply's authenticator and decrypts it.")
  String s2c;

  @Option(
      names = "--aead",
      paramLabel = "ID",
      description =
          "AEAD of the keys: 15 (AES-SIV-CMAC-256, 32-byte keys) or 17 (AES-SIV-CMAC-512, 64-byte"
              + " keys). Default: from the keys' length.")
  Integer aead;

  /**
   * The keys given, or empty when none are; one of the two alone, bad hex or a wrong length is
   * refused in one line.
   */
  Optional<NtsKeys> keys() {
    if (c2s == null && s2c == null) {
      if (aead != null) {
        throw new Main.BadInputException("--aead needs the keys: give --c2s HEX and --s2c HEX");
      }
      return Optional.empty();
    }
    if (c2s == null || s2c == null) {
      throw new Main.BadInputException(
          "give both --c2s and --s2c (NTS-KE exports the two keys together)");
    }
    NtsKeys keys = NtsKeys.parse(aead != null ? aead : aeadOf(c2s), c2s, s2c);
    keys.clientToServer(); // an AEAD the cipher does not support is refused now, not mid-output
    return Optional.of(keys);
  }

  /** 32-byte keys are AES-SIV-CMAC-256's, 48 -384's, 64 -512's: the key length names the AEAD. */
  private static int aeadOf(String hex) {
    return switch (hex.replaceAll("\\s", "").length()) {
      case 64 -> 15;
      case 96 -> 16;
      case 128 -> 17;
      default ->
          throw new Main.BadInputException(
              "--c2s is "
                  + hex.replaceAll("\\s", "").length()
                  + " hex digits; NTS keys are 64 (AEAD 15), 96 (16) or 128 (17)");
    };
  }
}
