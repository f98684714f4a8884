package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {

  @TempDir Path dir;

  @Test
  void outputUnderTheLimitIsKeptWhole() throws Exception {
    byte[] printed = "hello\nworld\n".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("out.log");
    CappedLog log = CappedLog.start(new ByteArrayInputStream(printed), file, 1024);
    assertTrue(log.awaitEnd(10_000));
    assertArrayEquals(printed, Files.readAllBytes(file));
    assertEquals(0, log.dropped());
  }

  @Test
  void outputOverTheLimitIsCutReadToTheEndAndSaysSo() throws Exception {
    byte[] printed = new byte[3 << 20];
    Arrays.fill(printed, (byte) 'x');
    Path file = dir.resolve("out.log");
    CappedLog log = CappedLog.start(new ByteArrayInputStream(printed), file, 1 << 20);
    assertTrue(log.awaitEnd(10_000));
    assertEquals(2 << 20, log.dropped(), "the rest was read, not left in the pipe");
    String note = "\n[ntplab: output cut at 1 MB: " + (2 << 20) + " more bytes were not kept]\n";
    assertEquals(note.substring(1, note.length() - 1), "[ntplab: " + log.cutNote() + "]");
    byte[] kept = Files.readAllBytes(file);
    assertEquals((1 << 20) + note.length(), kept.length);
    assertEquals(note, new String(kept, 1 << 20, note.length(), StandardCharsets.UTF_8));
  }
}
