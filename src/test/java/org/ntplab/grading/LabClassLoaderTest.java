package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.lab.DecodeLab;

/**
 * Student code reaches its contract and the JDK only: a lab that calls the reference, directly or
 * by reflection, loses the exercise with the reason; and a lab file that declares one of the
 * grader's packages is refused before it is compiled.
 */
class LabClassLoaderTest {

  @TempDir Path dir;

  /** Leans on the reference in two ways, and honestly on the JDK in a third. */
  private static final String CHEAT = """
      package org.ntplab.labs.cheat;

      import org.ntplab.lab.DecodeLab;

      public class Decoder implements DecodeLab {
        public int leap(byte[] p) { return java.nio.ByteBuffer.wrap(p).get(0) >> 6 & 3; }
        public int version(byte[] p) { return org.ntplab.wire.NtpCodec.decodePacket(p).version(); }
        public int mode(byte[] p) {
          try {
            Object packet = Class.forName("org.ntplab.wire.NtpCodec").getMethod("decodePacket", byte[].class).invoke(null, p);
            return ((Enum<?>) packet.getClass().getMethod("mode").invoke(packet)).ordinal();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        }
        public int stratum(byte[] p) { return p[1] & 0xff; }
        public int poll(byte[] p) { return p[2]; }
        public int precision(byte[] p) { return p[3]; }
        public long rootDelay(byte[] p) { return 0; }
        public long rootDispersion(byte[] p) { return 0; }
        public String referenceId(byte[] p) { return ""; }
        public long referenceTime(byte[] p) { return 0; }
        public long originTime(byte[] p) { return 0; }
        public long receiveTime(byte[] p) { return 0; }
        public long transmitTime(byte[] p) { return 0; }
      }
      """;

  private DecodeLab cheat() throws Exception {
    Path labs = dir.resolve("labs");
    Files.createDirectories(labs.resolve(Lab.DECODE.folder()));
    Files.writeString(labs.resolve(Lab.DECODE.folder()).resolve("Decoder.java"), CHEAT);
    LabCompiler.Result compiled = LabCompiler.compile(labs, "labs", EnumSet.of(Lab.DECODE), dir.resolve("classes"));
    assertEquals(Map.of(), compiled.broken());
    URL[] urls = {compiled.classPath().get(0).toUri().toURL()};
    ClassLoader classes = new URLClassLoader(urls, getClass().getClassLoader());
    Class<?> type = new LabClassLoader(classes).loadClass("org.ntplab.labs.cheat.Decoder");
    assertSame(DecodeLab.class, type.getInterfaces()[0], "the contract is the grader's own class");
    return (DecodeLab) type.getDeclaredConstructor().newInstance();
  }

  @Test
  void aLabThatCallsTheReferenceLosesThoseExercisesWithTheReason() throws Exception {
    DecodeLab cheat = cheat();
    List<Exercise<DecodeLab>> exercises = DecodeExercises.of(Corpus.load()).stream()
        .filter(e -> List.of("leap", "version", "mode").contains(e.title())).toList();
    Map<String, Outcome> outcomes;
    try (Grader grader = new Grader(Duration.ofSeconds(2))) {
      outcomes = grader.grade(exercises, () -> cheat).stream()
          .collect(Collectors.toMap(r -> r.name(), ExerciseResult::outcome));
    }
    assertInstanceOf(Outcome.Passed.class, outcomes.get("lab2 decode: leap"), "the JDK is the lab's to use");
    String direct = assertInstanceOf(Outcome.Errored.class, outcomes.get("lab2 decode: version")).message();
    assertTrue(direct.contains("NoClassDefFoundError: org/ntplab/wire/NtpCodec (org.ntplab.wire.NtpCodec is off limits:"
        + " a lab may use only its interface (org.ntplab.lab) and the JDK"), direct);
    assertTrue(direct.contains("at org.ntplab.labs.cheat.Decoder.version(Decoder.java:"), direct);
    String reflective = assertInstanceOf(Outcome.Errored.class, outcomes.get("lab2 decode: mode")).message();
    assertTrue(reflective.contains("org.ntplab.wire.NtpCodec is off limits"), reflective);
  }

  @Test
  void nothingOfNtplabButTheContractsIsLoadedForALab() throws Exception {
    LabClassLoader loader = new LabClassLoader(getClass().getClassLoader());
    assertSame(DecodeLab.class, loader.loadClass(DecodeLab.class.getName()));
    for (String off : List.of("org.ntplab.wire.NtpCodec", "org.ntplab.grading.Outcome", "org.ntplab.cli.Main")) {
      assertTrue(assertThrows(ClassNotFoundException.class, () -> loader.loadClass(off)).getMessage().contains("off limits"));
    }
    // Libraries on the class path are not the JDK.
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
    assertSame(String.class, loader.loadClass("java.lang.String"));
  }

  @Test
  void aLabFileInTheGradersPackageIsRefusedBeforeItIsCompiled() throws Exception {
    Path labs = dir.resolve("labs");
    Path decode = Files.createDirectories(labs.resolve(Lab.DECODE.folder()));
    Files.writeString(decode.resolve("Outcome.java"), "package org.ntplab.grading;\npublic interface Outcome {}\n");
    Files.writeString(decode.resolve("Helper.java"), "class Helper {}\n");
    Files.writeString(decode.resolve("Decoder.java"), "package org.ntplab.labs.decode;\npublic class Decoder {}\n");
    assertEquals(List.of(
        "labs/02-decode/Helper.java: no package declaration: a lab's classes are in its package under"
            + " org.ntplab.labs, as the stub's are",
        "labs/02-decode/Outcome.java: package org.ntplab.grading is not a lab's (it would stand in for ntplab's own):"
            + " a lab's classes are in its package under org.ntplab.labs, as the stub's are"),
        LabSources.misplaced(labs, labs, "labs"));
    LabCompiler.Result compiled = LabCompiler.compile(labs, "labs", EnumSet.of(Lab.DECODE), dir.resolve("classes"));
    assertTrue(compiled.broken().get(Lab.DECODE).contains("package org.ntplab.grading is not a lab's"), compiled.broken().toString());
    assertTrue(Files.notExists(dir.resolve("classes").resolve(Lab.DECODE.folder()).resolve("org/ntplab/grading")));
  }
}
