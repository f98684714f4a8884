package org.ntplab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of a file, or of a folder's regular files taken in path order, each as its path
 * relative to the folder and then its bytes: equal when the same files hold the same bytes.
 *
 * @param sha256 lower-case hex
 * @param files how many files went in
 */
public record TreeDigest(String sha256, int files) {

  public static TreeDigest of(Path root) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    List<Path> files;
    if (Files.isDirectory(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        files = all.filter(Files::isRegularFile).sorted().toList();
      }
    } else {
      files = List.of(root);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      sha.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(f)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      }
    }
    return new TreeDigest(HexFormat.of().formatHex(sha.digest()), files.size());
  }

  /** {@code sha256:…, 12 files}: for a report. */
  @Override
  public String toString() {
    return "sha256:" + sha256 + ", " + files + (files == 1 ? " file" : " files");
  }
}
