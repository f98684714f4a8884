package org.ntplab.grading.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.ntplab.grading.ClassFiles;
import org.ntplab.grading.Lab;
import org.ntplab.lab.LabTransport;

/**
 * The student process's own jar: the contracts ({@code org.ntplab.lab}), the process's main class
 * and the channel, and lab 0's JShell runner, copied out of the harness's class path; nothing of
 * the reference, the grader, or any library. Students compile against it too, so a lab that reaches
 * for more fails at javac with javac's message.
 */
final class StudentRuntime {

  /** The packages (as class file folders) the student process may hold, and no others. */
  static final List<String> PACKAGES =
      List.of("org/ntplab/lab/", "org/ntplab/grading/channel/", "org/ntplab/grading/student/");

  static final String FILE = "student-runtime.jar";

  private StudentRuntime() {}

  /**
   * Writes the jar for grading {@code labs} into {@code dir}, readable by all (the sandbox's user
   * too), and returns it.
   */
  static Path jar(Path dir, Set<Lab> labs) throws IOException {
    TreeMap<String, byte[]> classes = classes(labs);
    Path jar = dir.resolve(FILE);
    Files.createDirectories(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream zip = new JarOutputStream(bytes)) {
      for (var e : classes.entrySet()) {
        JarEntry entry = new JarEntry(e.getKey());
        entry.setTime(0); // the same classes make the same jar
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    Files.write(jar, bytes.toByteArray());
    return jar;
  }

  /**
   * The class files of {@link #PACKAGES} where this class was loaded from, and the contract of each
   * of {@code labs} (with its nested types) where it was loaded from: a lab's contract goes with
   * its exercises, which may stand apart from ntplab's own classes (a lab being written, or a
   * test's).
   */
  static TreeMap<String, byte[]> classes(Set<Lab> labs) throws IOException {
    Path source = ClassFiles.sourceOf(LabTransport.class);
    TreeMap<String, byte[]> classes = new TreeMap<>();
    for (String pkg : PACKAGES) {
      classes.putAll(ClassFiles.read(source, pkg, name -> true));
    }
    if (classes.keySet().stream().noneMatch(n -> n.startsWith(PACKAGES.get(0)))) {
      throw new IOException("no contract classes (org.ntplab.lab) in " + source);
    }
    for (Lab lab : labs) {
      String contract = lab.contract().getName().replace('.', '/');
      String folder = contract.substring(0, contract.lastIndexOf('/') + 1);
      if (!PACKAGES.contains(folder)) {
        throw new IOException(
            lab + "'s contract " + lab.contract().getName() + " is not in org.ntplab.lab");
      }
      if (!classes.containsKey(contract + ".class")) {
        classes.putAll(
            ClassFiles.read(
                ClassFiles.sourceOf(lab.contract()),
                folder,
                name -> name.equals(contract + ".class") || name.startsWith(contract + "$")));
      }
    }
    return classes;
  }
}
