package org.ntplab.grading;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Class files as they lie where classes were loaded from: a class folder or a jar. */
public final class ClassFiles {

  private ClassFiles() {}

  /** Where {@code type} was loaded from: {@code target/classes}, say, or ntplab's jar. */
  public static Path sourceOf(Class<?> type) throws IOException {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException(
          "cannot find where " + type.getName() + " is loaded from: " + e.getMessage(), e);
    }
  }

  /**
   * The class files of {@code source} directly in {@code folder} (e.g. {@code org/ntplab/lab/}, no
   * subfolder) whose names ({@code org/ntplab/lab/X.class}) {@code wanted} takes, with their bytes.
   */
  public static TreeMap<String, byte[]> read(Path source, String folder, Predicate<String> wanted)
      throws IOException {
    TreeMap<String, byte[]> classes = new TreeMap<>();
    if (Files.isDirectory(source)) {
      Path dir = source.resolve(folder);
      if (!Files.isDirectory(dir)) {
        return classes;
      }
      List<Path> files;
      try (Stream<Path> all = Files.list(dir)) {
        files = all.toList();
      }
      for (Path f : files) {
        String name = folder + f.getFileName();
        if (isClass(name, folder) && wanted.test(name)) {
          classes.put(name, Files.readAllBytes(f));
        }
      }
      return classes;
    }
    try (JarFile jar = new JarFile(source.toFile())) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (isClass(name, folder) && wanted.test(name)) {
          try (InputStream in = jar.getInputStream(entry)) {
            classes.put(name, in.readAllBytes());
          }
        }
      }
    }
    return classes;
  }

  private static boolean isClass(String name, String folder) {
    return name.startsWith(folder)
        && name.endsWith(".class")
        && name.indexOf('/', folder.length()) < 0;
  }
}
