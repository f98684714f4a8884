package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader's code is its jar and the libraries beside it: a batch refuses to grade when any of
 * them is not what the launcher recorded at the build, or changes while it grades.
 */
class GraderFingerprintTest {

  @TempDir Path target;
  Path jar;

  @BeforeEach
  void build() throws IOException {
    Files.createDirectories(target.resolve("lib"));
    Files.writeString(target.resolve("lib/picocli-4.7.6.jar"), "picocli");
    Files.writeString(target.resolve("lib/tink-1.24.0.jar"), "tink");
    jar = target.resolve("ntplab.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(Attributes.Name.CLASS_PATH, "lib/picocli-4.7.6.jar lib/tink-1.24.0.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, manifest)) {
      // the manifest is all a fingerprint reads
    }
  }

  /** The record as {@code ./ntplab} and Gradescope's setup.sh write it, by sha256sum itself. */
  private void record(String... files) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("sha256sum"));
    command.addAll(List.of(files));
    Process p =
        new ProcessBuilder(command)
            .directory(target.toFile())
            .redirectOutput(target.resolve("ntplab.jar.sha256").toFile())
            .start();
    assertEquals(0, p.waitFor());
  }

  @Test
  void theJarAndEveryLibraryItNamesAreTheCode() throws IOException {
    GraderFingerprint fingerprint = GraderFingerprint.of(jar);
    assertEquals(
        List.of("lib/picocli-4.7.6.jar", "lib/tink-1.24.0.jar", "ntplab.jar"),
        List.copyOf(fingerprint.files().keySet()));
  }

  @Test
  void whatTheLauncherRecordedMatches() throws Exception {
    record("ntplab.jar", "lib/picocli-4.7.6.jar", "lib/tink-1.24.0.jar");
    assertEquals(Optional.empty(), GraderFingerprint.of(jar).differsFromRecord());
  }

  @Test
  void aLibraryChangedSinceTheBuildIsRefusedByName() throws Exception {
    record("ntplab.jar", "lib/picocli-4.7.6.jar", "lib/tink-1.24.0.jar");
    Files.writeString(target.resolve("lib/tink-1.24.0.jar"), "tink, with a softer AES-SIV");
    String why = GraderFingerprint.of(jar).differsFromRecord().orElseThrow();
    assertTrue(why.contains("lib/tink-1.24.0.jar is not the file that was built"), why);
  }

  @Test
  void aLibraryTheRecordDoesNotNameIsRefused() throws Exception {
    // A record of the jar alone: the launcher's before the libraries moved out of the jar.
    record("ntplab.jar");
    String why = GraderFingerprint.of(jar).differsFromRecord().orElseThrow();
    assertTrue(why.contains("lib/picocli-4.7.6.jar is not among the files that were built"), why);
  }

  @Test
  void theJarChangedSinceTheBuildIsRefused() throws Exception {
    record("ntplab.jar", "lib/picocli-4.7.6.jar", "lib/tink-1.24.0.jar");
    Files.write(jar, new byte[] {'P', 'K'}, java.nio.file.StandardOpenOption.APPEND);
    String why = GraderFingerprint.of(jar).differsFromRecord().orElseThrow();
    assertTrue(why.contains("ntplab.jar is not the file that was built"), why);
  }

  @Test
  void noRecordNoComplaint() throws IOException {
    assertEquals(Optional.empty(), GraderFingerprint.of(jar).differsFromRecord());
  }

  @Test
  void aLibraryChangedWhileGradingIsNamed() throws IOException {
    GraderFingerprint before = GraderFingerprint.of(jar);
    assertEquals(Optional.empty(), GraderFingerprint.of(jar).changedSince(before));
    Files.writeString(target.resolve("lib/picocli-4.7.6.jar"), "picocli, rewritten by a student");
    String why = GraderFingerprint.of(jar).changedSince(before).orElseThrow();
    assertTrue(why.contains("lib/picocli-4.7.6.jar) changed while grading"), why);
  }

  @Test
  void aMissingLibraryIsSaidPlainly() throws IOException {
    Files.delete(target.resolve("lib/tink-1.24.0.jar"));
    IOException e = assertThrows(IOException.class, () -> GraderFingerprint.of(jar));
    assertTrue(e.getMessage().contains("tink-1.24.0.jar is missing"), e.getMessage());
  }

  @Test
  void aClassesFolderIsOneTree() throws IOException {
    Path classes = Files.createDirectories(target.resolve("classes/org"));
    Files.writeString(classes.resolve("A.class"), "a");
    GraderFingerprint before = GraderFingerprint.of(target.resolve("classes"));
    assertEquals(List.of("classes"), List.copyOf(before.files().keySet()));
    Files.writeString(classes.resolve("A.class"), "b");
    assertTrue(GraderFingerprint.of(target.resolve("classes")).changedSince(before).isPresent());
  }
}
