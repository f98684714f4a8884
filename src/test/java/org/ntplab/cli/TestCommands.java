package org.ntplab.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ntplab.client.ClockSetter;
import picocli.CommandLine;

/**
 * Makes the querying commands with a test's clock, and {@code sync} with a fake clock setter: the
 * tests may run as root, and must never step the machine's clock.
 */
record TestCommands(Clock clock, FakeClockSetter setter) implements CommandLine.IFactory {

  TestCommands(Clock clock) {
    this(clock, new FakeClockSetter(true));
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == InspectCommand.class) {
      return type.cast(new InspectCommand(clock));
    }
    if (type == CaptureCommand.class) {
      return type.cast(new CaptureCommand(clock));
    }
    if (type == SyncCommand.class) {
      return type.cast(new SyncCommand(clock, setter));
    }
    return CommandLine.defaultFactory().create(type);
  }

  /** Records the steps it is asked for; never touches a clock. */
  static final class FakeClockSetter implements ClockSetter {
    final boolean permitted;
    final List<Duration> steps = new ArrayList<>();

    FakeClockSetter(boolean permitted) {
      this.permitted = permitted;
    }

    @Override
    public boolean permitted() {
      return permitted;
    }

    @Override
    public void step(Duration offset) throws IOException {
      steps.add(offset);
    }
  }
}
