package org.ntplab.grading.harness;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.ntplab.io.TreeDigest;

/**
 * The SHA-256 of the grader's own code, so that a batch can refuse to grade with code that is not
 * what was built: changed by an earlier batch's student where there were no walls, or while this
 * batch ran. The code is its jar and the libraries its manifest's {@code Class-Path} names (Jackson
 * writes the grades, Tink checks lab 10's answers), or its classes folder.
 *
 * @param code the jar or classes folder this class was loaded from
 * @param files each file's SHA-256 by its path relative to the code's folder ({@code ntplab.jar},
 *     {@code lib/picocli.jar}); a classes folder is one entry, its tree's digest
 * @param sha256 the digest of all of them
 */
public record GraderFingerprint(Path code, SortedMap<String, String> files, String sha256) {

  /** The file beside a jar where the launcher records its checksums when it builds it. */
  public static final String RECORD = ".sha256";

  /** What puts a changed or missing jar or library right: the launcher builds both afresh. */
  private static final String REBUILD =
      ": delete target/ntplab.jar and target/lib, and run ./ntplab again to rebuild them";

  public GraderFingerprint {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

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
    return of(code);
  }

  /** The fingerprint of {@code code}: a jar with the libraries it names, or a classes folder. */
  public static GraderFingerprint of(Path code) throws IOException {
    List<Path> parts = new ArrayList<>();
    parts.add(code);
    if (Files.isRegularFile(code)) {
      parts.addAll(libraries(code));
    }
    Path folder = code.toAbsolutePath().getParent();
    SortedMap<String, String> files = new TreeMap<>();
    StringBuilder all = new StringBuilder();
    for (Path part : parts) {
      if (!Files.exists(part)) {
        throw new IOException(
            part + " is missing, and " + code.getFileName() + " needs it" + REBUILD);
      }
      String name = folder.relativize(part.toAbsolutePath()).toString();
      String sha = TreeDigest.of(part).sha256();
      files.put(name, sha);
      all.append(sha).append("  ").append(name).append('\n');
    }
    return new GraderFingerprint(code, files, sha256(all.toString()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The libraries {@code jar}'s manifest puts on the class path, as the JVM reads it: paths
   * relative to the jar's folder.
   */
  static List<Path> libraries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      List<Path> libraries = new ArrayList<>();
      if (classPath != null) {
        for (String entry : classPath.trim().split("\\s+")) {
          if (!entry.isEmpty()) {
            libraries.add(jar.toAbsolutePath().resolveSibling(entry).normalize());
          }
        }
      }
      return libraries;
    }
  }

  /**
   * Why the jar or a library differs from the checksums the launcher recorded when it built them
   * ({@code ntplab.jar.sha256}, in {@code sha256sum}'s format), if one does; empty when all match
   * or nothing was recorded.
   */
  public Optional<String> differsFromRecord() throws IOException {
    Path record = code.resolveSibling(code.getFileName() + RECORD);
    if (!Files.isRegularFile(code) || !Files.isRegularFile(record)) {
      return Optional.empty();
    }
    Map<String, String> recorded = new HashMap<>();
    for (String line : Files.readAllLines(record, StandardCharsets.US_ASCII)) {
      String[] fields = line.strip().split("\\s+", 2);
      if (fields.length == 2) {
        // sha256sum marks a file read in binary mode with a '*' before its name.
        String name = fields[1].startsWith("*") ? fields[1].substring(1) : fields[1];
        recorded.put(name, fields[0].toLowerCase());
      }
    }
    for (var file : files.entrySet()) {
      String sha = recorded.get(file.getKey());
      if (sha == null) {
        return Optional.of(
            code.resolveSibling(file.getKey())
                + " is not among the files that were built ("
                + record.getFileName()
                + " has no checksum for it)"
                + REBUILD);
      }
      if (!sha.equals(file.getValue())) {
        return Optional.of(
            code.resolveSibling(file.getKey())
                + " is not the file that was built (its checksum differs from "
                + record.getFileName()
                + "): it was changed since"
                + REBUILD);
      }
    }
    return Optional.empty();
  }

  /** Why the code differs from {@code before}, if it does. */
  public Optional<String> changedSince(GraderFingerprint before) {
    if (before.sha256.equals(sha256)) {
      return Optional.empty();
    }
    String which =
        files.keySet().stream()
            .filter(name -> !files.get(name).equals(before.files.get(name)))
            .findFirst()
            .map(name -> code.resolveSibling(name).toString())
            .orElse(code.toString());
    return Optional.of(
        "the grader's own code ("
            + which
            + ") changed while grading: no grade from it can be trusted");
  }
}
