package org.ntplab.grading;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;

/**
 * Finds a lab's implementation by its conventional class name and makes an instance, loaded by
 * {@link LabClassLoader} so that it can reach nothing of ntplab's but its contract.
 */
final class StudentCode {

  private StudentCode() {}

  static <S> Callable<S> factory(Lab lab, Class<S> contract) {
    return () -> {
      Class<?> type;
      try {
        type = LabClassLoader.shared().loadClass(lab.implementation());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("class " + lab.implementation() + " not found: labs/" + lab.folder()
            + " must hold it (public, in package " + packageOf(lab) + ")");
      }
      if (!contract.isAssignableFrom(type)) {
        throw new IllegalStateException(type.getName() + " must implement " + contract.getName());
      }
      try {
        return contract.cast(type.getDeclaredConstructor().newInstance());
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type.getName() + " needs a public constructor without parameters");
      }
    };
  }

  private static String packageOf(Lab lab) {
    return lab.implementation().substring(0, lab.implementation().lastIndexOf('.'));
  }
}
