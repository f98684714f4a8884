package org.ntplab.cli;

import java.util.List;

/** What an attack may have left running on the host, outside any sandbox. */
final class HostProcesses {

  private HostProcesses() {}

  /**
   * Every host process whose command line has {@code text}, after a short bounded wait for them to
   * go.
   */
  static List<String> left(String text) throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 50; i++) {
      left =
          ProcessHandle.allProcesses()
              .map(h -> h.info().commandLine().orElse(""))
              .filter(c -> c.contains(text))
              .toList();
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(100);
    }
    return left;
  }
}
