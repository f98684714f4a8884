package org.ntplab.grading.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
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

  /** Writes the jar into {@code dir}, readable by all (the sandbox's user too), and returns it. */
  static Path jar(Path dir) throws IOException {
    TreeMap<String, byte[]> classes = classes();
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

  /** The class files of {@link #PACKAGES} where this class was loaded from: a folder or a jar. */
  static TreeMap<String, byte[]> classes() throws IOException {
    Path source;
    try {
      source =
          Path.of(LabTransport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException(
          "cannot find where ntplab's classes are loaded from: " + e.getMessage(), e);
    }
    TreeMap<String, byte[]> classes = new TreeMap<>();
    if (Files.isDirectory(source)) {
      for (String pkg : PACKAGES) {
        Path folder = source.resolve(pkg);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all =
            Files.list(folder)) { // not walked: the packages' own classes, no subpackage
          all.filter(f -> f.toString().endsWith(".class")).forEach(files::add);
        }
        for (Path f : files) {
          classes.put(pkg + f.getFileName(), Files.readAllBytes(f));
        }
      }
    } else {
      try (JarFile jar = new JarFile(source.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          int slash = name.lastIndexOf('/');
          if (name.endsWith(".class") && PACKAGES.contains(name.substring(0, slash + 1))) {
            try (InputStream in = jar.getInputStream(entry)) {
              classes.put(name, in.readAllBytes());
            }
          }
        }
      }
    }
    if (classes.keySet().stream().noneMatch(n -> n.startsWith(PACKAGES.get(0)))) {
      throw new IOException("no contract classes (org.ntplab.lab) in " + source);
    }
    return classes;
  }
}
