package org.ntplab.grading.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating system's walls around a student's JVM: which are up here, and the command that runs
 * behind them.
 */
public final class Sandbox {

  /** What stands between student code and the machine. */
  public enum Walls {
    /** No walls: the code runs as this user, sees every file, the network, every process. */
    NONE,
    /**
     * As root where bubblewrap cannot run (a container whose seccomp profile forbids namespaces, as
     * Docker's default does): the code runs as nobody (65534) with no capabilities and no way to
     * gain any, in no namespace of its own. It cannot write the grader's files or signal its
     * processes, but reads what others may read, reaches the network and may leave a process
     * behind.
     */
    USER,
    /**
     * bubblewrap as an ordinary user (unprivileged user namespace): own PID, network and mount
     * namespaces, same uid.
     */
    NAMESPACES,
    /**
     * As root: bubblewrap's PID, network and mount namespaces, and the code runs as nobody (65534)
     * with no capabilities.
     */
    FULL
  }

  private static final String NOBODY = "65534";

  /**
   * RLIMIT_NPROC, against fork bombs. A JVM needs a few dozen threads. The kernel counts it per uid
   * in the sandbox's own user namespace, so it is this sandbox's alone, except under FULL without
   * the inner bwrap (see {@link #noUserNamespaces}), where it is every nobody process on the
   * machine: hence generous.
   */
  static final int MAX_PROCESSES = 1024;

  /** The scratch /tmp lives in memory. */
  private static final long TMP_BYTES = 64L << 20;

  /** The only environment inside: the harness's own (tokens!) must not leak. */
  private static final Map<String, String> ENVIRONMENT =
      new TreeMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8"));

  /**
   * On merged-/usr systems these are symlinks into /usr, elsewhere real folders the JVM's libraries
   * may be in.
   */
  private static final List<String> ROOT_MIRRORS =
      List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

  private static final Sandbox TURNED_OFF =
      new Sandbox(Walls.NONE, "turned off (-Dntplab.sandbox=none)", null, null, null, false);

  /** What the USER walls say they lack, after why bubblewrap is not used. */
  private static final String USER_LACKS =
      ": it can read what others may read, reach the network and leave a process behind";

  private static volatile Sandbox detected;

  private static final Map<Path, List<Path>> JAVA_HOME_LINKS = new ConcurrentHashMap<>();

  private final Walls walls;
  private final String why;
  private final Path bwrap;
  private final Path setpriv;
  private final Path prlimit;

  /**
   * The code cannot make user namespaces (bwrap --disable-userns): in one it is "root", free to
   * mount and set up networks, which is kernel attack surface. Under FULL nobody runs a second
   * bwrap inside for it, as that needs a user namespace to disable them in. Off where bwrap is
   * older than 0.8, or where nobody cannot make user namespaces in the first place.
   */
  private final boolean noUserNamespaces;

  private Sandbox(
      Walls walls, String why, Path bwrap, Path setpriv, Path prlimit, boolean noUserNamespaces) {
    this.walls = walls;
    this.why = why;
    this.bwrap = bwrap;
    this.setpriv = setpriv;
    this.prlimit = prlimit;
    this.noUserNamespaces = noUserNamespaces;
  }

  /**
   * The walls this machine offers, found once per JVM by trying them (a probe runs /usr/bin/true
   * behind them). System property {@code ntplab.sandbox=none} turns them off (for tests and for
   * people who must); {@code ntplab.sandbox=user} takes the {@link Walls#USER} walls even where
   * bubblewrap runs (for tests of them).
   */
  public static Sandbox detect() {
    String asked = System.getProperty("ntplab.sandbox", "");
    if (asked.equals("none")) {
      return TURNED_OFF;
    }
    if (asked.equals("user")) {
      return userOnly("bubblewrap not used (-Dntplab.sandbox=user)")
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "-Dntplab.sandbox=user: needs root, and setpriv and prlimit in /usr"));
    }
    if (!asked.isEmpty()) {
      throw new IllegalArgumentException(
          "-Dntplab.sandbox=" + asked + ": the values are none and user");
    }
    Sandbox found = detected;
    if (found == null) {
      synchronized (Sandbox.class) {
        if (detected == null) {
          detected = probe();
        }
        found = detected;
      }
    }
    return found;
  }

  public static Sandbox none() {
    return new Sandbox(Walls.NONE, "turned off (Sandbox.none())", null, null, null, false);
  }

  public Walls walls() {
    return walls;
  }

  /** One line for people: what the walls are or, without them, why not. */
  public String describe() {
    return switch (walls) {
      case FULL ->
          "student code runs as nobody in its own PID, network and mount namespaces (bubblewrap)";
      case NAMESPACES ->
          "student code runs in its own user, PID, network and mount namespaces (bubblewrap), as this user";
      case USER ->
          "student code runs as nobody with no capabilities, in no namespace of its own ("
              + why
              + ")"
              + USER_LACKS;
      case NONE -> "untrusted code is being graded without OS isolation: " + why;
    };
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * The command line that runs {@code command} (command.get(0) is the absolute path of the java
   * binary) behind the walls. {@code readOnly}: files and folders the code may read (the student's
   * compiled classes, the contracts jar), visible at the same absolute paths inside; under FULL
   * they must be readable by others, as the code runs as nobody. Everything else of the host file
   * system is invisible except what the JVM itself needs read-only (/usr, java.home's real path and
   * the real folders its symlinks point into, /lib* mirrors, /proc, /dev); /tmp is a private,
   * size-capped, writable (1777) scratch folder, also the working directory. With NONE the command
   * is returned unchanged.
   */
  public List<String> wrap(List<String> command, List<Path> readOnly) {
    if (walls == Walls.NONE) {
      return List.copyOf(command);
    }
    if (walls == Walls.USER) {
      for (Path path : readOnly) {
        checkedReadOnly(path.toAbsolutePath().normalize(), walls);
      }
      // env -i: the harness's environment (tokens) stays out; -C: nobody may not enter ours.
      List<String> args = new ArrayList<>(List.of("/usr/bin/env", "-i", "-C", "/tmp"));
      ENVIRONMENT.forEach((name, value) -> args.add(name + "=" + value));
      args.addAll(asNobody());
      args.addAll(List.of(prlimit.toString(), "--nproc=" + MAX_PROCESSES, "--"));
      args.addAll(command);
      return List.copyOf(args);
    }
    // The real path: /usr/bin/java is a symlink into /etc/alternatives, which is not inside.
    Path java = realPath(Path.of(command.get(0)));
    // env -i: bwrap's own environment is the harness's, readable inside at /proc/1/environ when
    // bwrap is pid 1 there.
    List<String> args = new ArrayList<>(List.of("/usr/bin/env", "-i", bwrap.toString()));
    // Not --unshare-all: as root that makes a user namespace too, where nobody is not mapped
    // (setpriv fails).
    if (walls == Walls.NAMESPACES) {
      args.add("--unshare-user");
      if (noUserNamespaces) {
        args.add("--disable-userns");
      }
    }
    args.addAll(
        List.of(
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try"));
    // Everything the code starts dies with it, or with the harness; --new-session: no TIOCSTI into
    // our terminal.
    args.addAll(List.of("--die-with-parent", "--new-session"));
    args.add("--clearenv");
    ENVIRONMENT.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));

    Set<Path> mounted = new HashSet<>();
    Set<Path> made = new HashSet<>();
    bind(args, mounted, made, "--ro-bind", Path.of("/usr"));
    for (String mirror : ROOT_MIRRORS) {
      Path path = Path.of(mirror);
      if (Files.isSymbolicLink(path)) {
        args.addAll(List.of("--symlink", readLink(path).toString(), mirror));
      } else if (Files.isDirectory(path)) {
        bind(args, mounted, made, "--ro-bind", path);
      }
    }
    Optional<Path> javaHome = javaHome(java);
    if (javaHome.isPresent()) {
      if (!javaHome.get().startsWith("/usr")) {
        bind(args, mounted, made, "--ro-bind", javaHome.get());
      }
      // Debian's JDK links conf/security/java.security, lib/jvm.cfg and more into /etc, without
      // which it fails.
      for (Path target : linksOutOf(javaHome.get())) {
        bind(args, mounted, made, "--ro-bind", target);
      }
    }
    args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    // A fresh tmpfs is root's 0755: 1777 lets nobody write, as on any /tmp.
    args.addAll(List.of("--perms", "1777", "--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp"));
    // Fresh, not the host's: what is under them does not exist until made.
    made.addAll(List.of(Path.of("/proc"), Path.of("/dev"), Path.of("/tmp")));
    // Shortest first: a folder inside another read-only one has its mount point there already.
    readOnly.stream()
        .map(path -> path.toAbsolutePath().normalize())
        .sorted(Comparator.comparingInt(Path::getNameCount))
        .distinct()
        .forEach(path -> bind(args, mounted, made, "--ro-bind", checkedReadOnly(path, walls)));
    args.addAll(List.of("--chdir", "/tmp", "--"));

    if (walls == Walls.FULL) {
      args.addAll(asNobody());
      if (noUserNamespaces) {
        // --dev-bind: a plain --bind would remount /dev nodev, and /dev/null, /dev/urandom would
        // not open.
        args.addAll(
            List.of(
                bwrap.toString(),
                "--unshare-user",
                "--disable-userns",
                "--dev-bind",
                "/",
                "/",
                "--chdir",
                "/tmp",
                "--"));
      }
    }
    // Last, inside any user namespace, so that the count is of this sandbox's processes.
    args.addAll(List.of(prlimit.toString(), "--nproc=" + MAX_PROCESSES, "--"));
    args.add(java.toString());
    args.addAll(command.subList(1, command.size()));
    return List.copyOf(args);
  }

  /**
   * Whether nobody, as the {@link Walls#USER} walls run the student's code, could read {@code path}
   * or a file under it: every folder above it lets others through and some file is open to them.
   * Under the other walls the code sees no file of the host's it is not shown.
   */
  public static boolean openToNobody(Path path) throws IOException {
    Path real = path.toAbsolutePath().normalize();
    if (closedAbove(real).isPresent()) {
      return false;
    }
    if (!Files.isDirectory(real)) {
      return Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_READ);
    }
    if (!Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_EXECUTE)) {
      return false;
    }
    try (Stream<Path> inside = Files.list(real)) {
      for (Path each : inside.toList()) {
        if (!Files.isSymbolicLink(each) && openToNobody(each)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first folder above {@code path} that does not let others through, if one does not. */
  private static Optional<Path> closedAbove(Path path) throws IOException {
    for (Path up = path.getParent(); up != null; up = up.getParent()) {
      if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return Optional.of(up);
      }
    }
    return Optional.empty();
  }

  /** setpriv's arguments that make the rest run as nobody, with no capability and no way back. */
  private List<String> asNobody() {
    return List.of(
        setpriv.toString(),
        "--reuid=" + NOBODY,
        "--regid=" + NOBODY,
        "--clear-groups",
        "--no-new-privs",
        "--inh-caps=-all",
        "--bounding-set=-all");
  }

  /**
   * Binds {@code path} at the same place, first making its missing parents: bwrap's own are 0700,
   * closed to nobody.
   */
  private static void bind(
      List<String> args, Set<Path> mounted, Set<Path> made, String how, Path path) {
    for (int i = 1; i < path.getNameCount(); i++) {
      Path dir = path.getRoot().resolve(path.subpath(0, i));
      if (mounted.stream().noneMatch(dir::startsWith) && made.add(dir)) {
        args.addAll(List.of("--perms", "0755", "--dir", dir.toString()));
      }
    }
    args.addAll(List.of(how, path.toString(), path.toString()));
    mounted.add(path);
  }

  /** Fails here, in words, what would fail inside as a missing class. */
  private static Path checkedReadOnly(Path path, Walls walls) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("nothing to show the student's code at " + path);
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      Optional<Path> closed = walls == Walls.USER ? closedAbove(path) : Optional.empty();
      if (closed.isPresent()) {
        // Read at its real path, so every folder above it must let nobody through.
        throw new IllegalArgumentException(
            closed.get()
                + " does not let nobody through to "
                + path
                + ", who runs the student's code: chmod o+x");
      }

      if ((walls == Walls.FULL || walls == Walls.USER)
          && !(permissions.contains(PosixFilePermission.OTHERS_READ)
              && (!Files.isDirectory(path)
                  || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)))) {
        throw new IllegalArgumentException(
            path + " is not readable by nobody, who runs the student's code: " + "chmod o+rX");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /** The JDK that {@code java} belongs to, if it is one (the probe's /usr/bin/true is not). */
  private static Optional<Path> javaHome(Path java) {
    Path bin = java.getParent();
    Path home = bin == null ? null : bin.getParent();
    return home != null && Files.isRegularFile(home.resolve("lib").resolve("modules"))
        ? Optional.of(home)
        : Optional.empty();
  }

  /**
   * The folders that symlinks in {@code javaHome} point into, outside it and outside /usr: Debian's
   * /etc/java-17-openjdk and /etc/ssl/certs/java. A file right under a top folder such as /etc is
   * shown alone.
   */
  private static List<Path> linksOutOf(Path javaHome) {
    return JAVA_HOME_LINKS.computeIfAbsent(
        javaHome,
        home -> {
          try (Stream<Path> files = Files.walk(home)) {
            Set<Path> targets = new TreeSet<>();
            files
                .filter(Files::isSymbolicLink)
                .forEach(
                    link -> {
                      try {
                        Path target = link.toRealPath();
                        if (!target.startsWith(home) && !target.startsWith("/usr")) {
                          targets.add(target.getNameCount() > 2 ? target.getParent() : target);
                        }
                      } catch (IOException dangling) {
                        // src.zip and the like, when not installed: nothing to show
                      }
                    });
            // Sorted, a folder comes before those inside it, which it shows already.
            List<Path> outermost = new ArrayList<>();
            targets.stream()
                .filter(t -> outermost.stream().noneMatch(t::startsWith))
                .forEach(outermost::add);
            return List.copyOf(outermost);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Sandbox probe() {
    Optional<Path> bwrap =
        find("bwrap", System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin");
    if (bwrap.isEmpty()) {
      return userOnly("bwrap not found: install bubblewrap")
          .orElseGet(
              () ->
                  new Sandbox(
                      Walls.NONE, "bwrap not found (install bubblewrap)", null, null, null, false));
    }
    // They run inside, where only /usr is.
    Optional<Path> setpriv = find("setpriv", "/usr/bin:/usr/sbin");
    Optional<Path> prlimit = find("prlimit", "/usr/bin:/usr/sbin");
    if (setpriv.isEmpty() || prlimit.isEmpty()) {
      return new Sandbox(
          Walls.NONE,
          "setpriv or prlimit not found in /usr (install util-linux)",
          null,
          null,
          null,
          false);
    }
    boolean root = isRoot();
    Walls walls = root ? Walls.FULL : Walls.NAMESPACES;
    List<Sandbox> candidates =
        List.of(
            new Sandbox(walls, null, bwrap.get(), setpriv.get(), prlimit.get(), true),
            new Sandbox(walls, null, bwrap.get(), setpriv.get(), prlimit.get(), false));
    String failure = "";
    for (Sandbox candidate : candidates) {
      failure = tryOut(candidate);
      if (failure.isEmpty()) {
        return candidate;
      }
    }
    Optional<Sandbox> user =
        root ? userOnly("bubblewrap does not run here: " + failure) : Optional.empty();
    if (user.isPresent()) {
      return user.get();
    }
    return new Sandbox(
        Walls.NONE,
        (root ? "bubblewrap does not run here: " : "not root and user namespaces are not allowed: ")
            + failure,
        null,
        null,
        null,
        false);
  }

  /**
   * The {@link Walls#USER} walls, if this JVM is root and they run here (tried as the others are):
   * {@code why} says why bubblewrap's are not used.
   */
  static Optional<Sandbox> userOnly(String why) {
    Optional<Path> setpriv = find("setpriv", "/usr/bin:/usr/sbin");
    Optional<Path> prlimit = find("prlimit", "/usr/bin:/usr/sbin");
    if (!isRoot() || setpriv.isEmpty() || prlimit.isEmpty()) {
      return Optional.empty();
    }
    Sandbox user = new Sandbox(Walls.USER, why, null, setpriv.get(), prlimit.get(), false);
    return tryOut(user).isEmpty() ? Optional.of(user) : Optional.empty();
  }

  /** Runs /usr/bin/true behind the walls: what went wrong, in one line, or nothing. */
  private static String tryOut(Sandbox candidate) {
    try {
      Process process =
          new ProcessBuilder(candidate.wrap(List.of("/usr/bin/true"), List.of()))
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "bwrap did not finish a trial run in 10 s";
      }
      return process.exitValue() == 0
          ? ""
          : output.isBlank()
              ? "bwrap exited with " + process.exitValue()
              : output.strip().replaceAll("\\s+", " ");
    } catch (IOException | UncheckedIOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static Optional<Path> find(String name, String path) {
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> dir.startsWith("/"))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Sandbox::realPath);
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path readLink(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
