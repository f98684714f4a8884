package org.ntplab.lab;

/**
 * The contract of a throwaway lab, lab 99, that {@code ThrowawayLabTest} grades: say back what was
 * said. In the tests' classes, not ntplab's, so that no real grade ever sees it.
 */
public interface EchoLab {

  String echo(String said);
}
