package org.ntplab.mitigation;

/**
 * The clock discipline (RFC 5905 §11.3, Appendix A.5.5.6 {@code local_clock} and A.5.5.7 {@code
 * rstclock}): the state machine that decides, for each combined offset, whether to ignore it, slew
 * the clock, step it or give up, and the hybrid PLL/FLL that updates the frequency and the poll
 * exponent. Immutable: {@link #update} gives the action and the next discipline. Times are seconds
 * on the client's counter; offsets and frequencies are seconds and seconds per second.
 *
 * <p>Figure 28's states: NSET (no frequency known), FSET (frequency from a file), FREQ (measuring
 * the frequency), SYNC (normal), SPIK (an outlier seen, waiting for the stepout). An offset beyond
 * PANICT is PANIC. Beyond STEPT: in SYNC the first is ignored (to SPIK); in SPIK and FREQ they are
 * ignored until WATCH seconds have passed since the last update, then the clock is stepped (FREQ
 * also sets the frequency it measured); NSET and FSET step at once. Within STEPT: NSET records the
 * offset and goes to FREQ; FREQ waits WATCH seconds and then sets the frequency from the offset's
 * drift; SYNC and SPIK slew and update the frequency by the PLL (gain set by the poll interval)
 * and, above ALLAN / 2, the FLL. Then the poll exponent: an offset below PGATE × jitter adds the
 * poll exponent to the jiggle counter, otherwise twice it is taken away; past ±LIMIT the exponent
 * goes up or down by one within [MINPOLL, MAXPOLL] and the counter starts again from zero.
 *
 * <p>Deviations from A.5.5.6, all slips of the skeleton: SYNC beyond STEPT goes to SPIK and returns
 * IGNORE (it sets a local variable and returns SLEW); rstclock's arguments are taken in the order
 * it declares (state, offset, time; the calls swap them); the NSET test is on the discipline's
 * state (it tests an unset local). The skeleton's c.t − s.t is the time since the last update, here
 * the update's time less the last update's. Wander is the RMS of frequency changes, as its comment
 * says (the code squares the frequency itself). A step sets the poll exponent to MINPOLL, as
 * A.5.5.4 {@code clock_update} does after local_clock returns. The one-second clock_adjust process
 * (§12), which would decay the residual offset between updates, is not run: with PLL = 65536 it
 * takes less than a millionth of it a second. The poll counter moves by the poll exponent as the
 * skeleton does; §11.3's prose says by one and two.
 *
 * @param state the state machine's state
 * @param offset c.offset, the last offset the state machine took
 * @param base c.base, the offset at the start of a frequency measurement, less the one before it
 * @param last c.last, the offset the jitter is measured from
 * @param lastUpdate s.t, the time of the last update that was not ignored
 * @param frequency c.freq, the frequency correction
 * @param jitter c.jitter, the clock jitter
 * @param wander c.wander, the clock wander
 * @param count c.count, the poll-adjust jiggle counter
 * @param poll s.poll, the system poll exponent
 * @param precision the system precision in seconds, the least jitter
 */
public record Discipline(
    State state,
    double offset,
    double base,
    double last,
    double lastUpdate,
    double frequency,
    double jitter,
    double wander,
    int count,
    int poll,
    double precision) {

  /** Figure 28's states. */
  public enum State {
    NSET,
    FSET,
    SPIK,
    FREQ,
    SYNC
  }

  /** What to do with the clock (local_clock's return codes). */
  public enum Action {
    /** Leave the clock alone: an outlier, or the frequency is being measured. */
    IGNORE,
    /** Adjust the clock gradually by the offset. */
    SLEW,
    /** Set the clock at once by the offset. */
    STEP,
    /** The offset is beyond PANICT: do nothing, tell the operator to set the clock by hand. */
    PANIC
  }

  /** The action for one offset and the discipline after it. */
  public record Update(Action action, Discipline next) {}

  /** A discipline with no frequency known (NSET), at MINPOLL. */
  public static Discipline start(double precision) {
    return new Discipline(State.NSET, 0, 0, 0, 0, 0, precision, 0, 0, Constants.MINPOLL, precision);
  }

  /** A discipline whose frequency was read from a file (FSET), at MINPOLL. */
  public static Discipline withFrequency(double frequency, double precision) {
    return new Discipline(
        State.FSET, 0, 0, 0, 0, frequency, precision, 0, 0, Constants.MINPOLL, precision);
  }

  /** Takes the combined offset {@code theta} of an update whose sample arrived at {@code time}. */
  public Update update(double theta, double time) {
    if (Math.abs(theta) > Constants.PANICT) {
      return new Update(Action.PANIC, this);
    }
    double mu = time - lastUpdate;
    return Math.abs(theta) > Constants.STEPT
        ? beyondStep(theta, time, mu)
        : within(theta, time, mu);
  }

  private Update beyondStep(double theta, double time, double mu) {
    double freq = 0;
    switch (state) {
      case SYNC:
        return new Update(Action.IGNORE, with(State.SPIK, offset, jitter, count, poll));
      case FREQ:
        if (mu < Constants.WATCH) {
          return new Update(Action.IGNORE, this);
        }
        freq = (theta - base - offset) / mu;
        break;
      case SPIK:
        if (mu < Constants.WATCH) {
          return new Update(Action.IGNORE, this);
        }
        break;
      default:
        break;
    }
    Discipline stepped = with(state, offset, jitter, 0, poll);
    if (state == State.NSET) {
      return new Update(Action.STEP, stepped.reset(State.FREQ, 0, time).atMinPoll());
    }
    Discipline next = stepped.reset(State.SYNC, 0, time).adjustFrequency(freq).adjustPoll();
    return new Update(Action.STEP, next.atMinPoll());
  }

  private Update within(double theta, double time, double mu) {
    double floor = Math.max(Math.abs(theta - last), precision);
    double j2 = jitter * jitter;
    Discipline d =
        with(state, offset, Math.sqrt(j2 + (floor * floor - j2) / Constants.AVG), count, poll);
    double freq = 0;
    switch (state) {
      case NSET:
        return new Update(Action.IGNORE, d.measured(theta).reset(State.FREQ, theta, time));
      case FSET:
        d = d.measured(theta);
        break;
      case FREQ:
        if (mu < Constants.WATCH) {
          return new Update(Action.IGNORE, d);
        }
        freq = (theta - base - offset) / mu;
        break;
      default:
        double interval = Constants.pollSeconds(poll);
        if (interval > Constants.ALLAN / 2) {
          double gain = Math.max(Constants.FLL - poll, Constants.AVG);
          freq += (theta - offset) / (Math.max(mu, Constants.ALLAN) * gain);
        }
        double loop = 4 * Constants.PLL * interval;
        freq += theta * Math.min(mu, interval) / (loop * loop);
        break;
    }
    return new Update(
        Action.SLEW, d.reset(State.SYNC, theta, time).adjustFrequency(freq).adjustPoll());
  }

  /** rstclock: enter {@code next} with {@code newOffset} taken at {@code time}. */
  private Discipline reset(State next, double newOffset, double time) {
    return new Discipline(
        next,
        newOffset,
        newOffset - offset,
        newOffset,
        time,
        frequency,
        jitter,
        wander,
        count,
        poll,
        precision);
  }

  /** Adds {@code change} to the frequency within ±MAXFREQ and averages the change into wander. */
  private Discipline adjustFrequency(double change) {
    double next = Math.max(-Constants.MAXFREQ, Math.min(Constants.MAXFREQ, frequency + change));
    double moved = next - frequency;
    double w2 = wander * wander;
    double nextWander = Math.sqrt(w2 + (moved * moved - w2) / Constants.AVG);
    return new Discipline(
        state, offset, base, last, lastUpdate, next, jitter, nextWander, count, poll, precision);
  }

  /** The jiggle counter and the poll exponent, from the offset against PGATE × jitter. */
  private Discipline adjustPoll() {
    int c = count;
    int p = poll;
    if (Math.abs(offset) < Constants.PGATE * jitter) {
      c += p;
      if (c > Constants.LIMIT) {
        c = Constants.LIMIT;
        if (p < Constants.MAXPOLL) {
          c = 0;
          p++;
        }
      }
    } else {
      c -= p << 1;
      if (c < -Constants.LIMIT) {
        c = -Constants.LIMIT;
        if (p > Constants.MINPOLL) {
          c = 0;
          p--;
        }
      }
    }
    return with(state, offset, jitter, c, p);
  }

  /** c.offset set to {@code o} before rstclock, as NSET and FSET do. */
  private Discipline measured(double o) {
    return with(state, o, jitter, count, poll);
  }

  /** After a step: clock_update (A.5.5.4) starts the poll over from MINPOLL. */
  private Discipline atMinPoll() {
    return with(state, offset, jitter, count, Constants.MINPOLL);
  }

  /** This discipline with the state machine's small variables changed and the rest kept. */
  private Discipline with(State s, double o, double j, int c, int p) {
    return new Discipline(s, o, base, last, lastUpdate, frequency, j, wander, c, p, precision);
  }
}
