package org.ntplab.grading.harness;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ntplab.io.TreeDigest;

/**
 * The SHA-256 of the grader's own code (its jar, or its classes folder), so that a batch can refuse
 * to grade with code that is not what was built: changed by an earlier batch's student where there
 * were no walls, or while this batch ran.
 */
public record GraderFingerprint(Path code, String sha256) {

  /** The file beside a jar where the launcher records its checksum when it builds it. */
  public static final String RECORD = ".sha256";

  /** The code this class was loaded from, now. */
  public static GraderFingerprint current() throws IOException {
    Path code;
    try {
      code =
          Path.of(
              GraderFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot find the grader's own code: " + e.getMessage(), e);
    }
    return new GraderFingerprint(code, digest(code));
  }

  /**
   * Why the jar differs from the checksum the launcher recorded when it built it ({@code
   * ntplab.jar.sha256}), if it does; empty when it matches or nothing was recorded.
   */
  public Optional<String> differsFromRecord() throws IOException {
    Path record = code.resolveSibling(code.getFileName() + RECORD);
    if (!Files.isRegularFile(code) || !Files.isRegularFile(record)) {
      return Optional.empty();
    }
    String recorded = Files.readString(record, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
    return recorded.equalsIgnoreCase(sha256)
        ? Optional.empty()
        : Optional.of(
            code
                + " is not the jar that was built (its checksum differs from "
                + record.getFileName()
                + "): it was changed since; delete it and run ./ntplab again to rebuild it");
  }

  /** Why the code differs from {@code before}, if it does. */
  public Optional<String> changedSince(GraderFingerprint before) {
    return before.sha256.equals(sha256)
        ? Optional.empty()
        : Optional.of(
            "the grader's own code ("
                + code
                + ") changed while grading: no grade from it can be trusted");
  }

  private static String digest(Path code) throws IOException {
    return TreeDigest.of(code).sha256();
  }
}
