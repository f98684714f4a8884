package org.ntplab.grading;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads the students' classes ({@code org.ntplab.labs..}) so that they can reach their contracts
 * ({@code org.ntplab.lab..}) and the JDK, and nothing else: not the reference codec, not the
 * grader, not a library on the class path. A lab "solved" by calling the reference, directly or
 * by reflection, fails with a message that says why, in {@code mvn test} and in batch grading
 * alike; the layering rule of the build only sees direct references.
 */
final class LabClassLoader extends ClassLoader {

  static final String LABS = "org.ntplab.labs.";
  private static final String CONTRACTS = "org.ntplab.lab.";

  /** One for this JVM: labs may share classes with one another, as they could when compiled together. */
  private static LabClassLoader shared;

  private final ClassLoader classes;

  /** @param classes where the compiled labs and the contracts are found */
  LabClassLoader(ClassLoader classes) {
    super("labs", ClassLoader.getPlatformClassLoader());
    this.classes = classes;
  }

  static synchronized LabClassLoader shared() {
    if (shared == null) {
      shared = new LabClassLoader(LabClassLoader.class.getClassLoader());
    }
    return shared;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        if (name.startsWith(LABS)) {
          type = defineLab(name);
        } else if (name.startsWith(CONTRACTS)) {
          type = classes.loadClass(name); // the very classes the grader holds, so casts work
        } else if (name.startsWith("org.ntplab.")) {
          throw new ClassNotFoundException(name + " is off limits: a lab may use only its interface"
              + " (org.ntplab.lab) and the JDK, never the reference implementation or the grader");
        } else {
          type = getParent().loadClass(name); // the JDK; a library on the class path is not for labs
        }
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private Class<?> defineLab(String name) throws ClassNotFoundException {
    String file = name.replace('.', '/') + ".class";
    try (InputStream in = classes.getResourceAsStream(file)) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name + ": cannot read " + file, e);
    }
  }
}
