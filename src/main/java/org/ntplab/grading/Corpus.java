package org.ntplab.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * What the fixtures hold, sorted by what the exercises need. Applicability is by content, never by
 * tag: a packet is a time packet when the reference decodes it as one, so malformed packets and
 * control/private messages drop out on their own, and a new fixture needs no code change. {@link
 * #captures} keeps every datagram as captured, rejected ones included, for the labs that grade
 * rejecting. {@link #nts} holds the NTS keys (and NTS-KE response) of the fixtures that carry them,
 * by id.
 */
public record Corpus(
    List<TimePacket> packets,
    List<Exchange> exchanges,
    List<Capture> captures,
    List<Series> series,
    Set<String> hidden,
    Map<String, Fixture.Nts> nts) {

  /** A time packet the reference accepts, labelled {@code id (request)} or {@code id (reply)}. */
  public record TimePacket(String label, byte[] bytes, NtpPacket packet) {}

  /** A reply with the client's own T1 and T4. */
  public record Exchange(String label, NtpTimestamp t1, NtpPacket reply, NtpTimestamp t4) {}

  /**
   * A fixture's datagrams as captured, whatever the reference makes of them; either may be null.
   */
  public record Capture(String id, byte[] request, byte[] reply) {}

  /**
   * One server's exchanges over time, oldest first, from a series fixture: each exchange labelled
   * {@code id, exchange N}. Its exchanges are in no other list.
   */
  public record Series(String id, List<Exchange> exchanges) {
    public Series {
      exchanges = List.copyOf(exchanges);
    }
  }

  public Corpus {
    packets = List.copyOf(packets);
    series = List.copyOf(series);
    exchanges = List.copyOf(exchanges);
    captures = List.copyOf(captures);
    hidden = Set.copyOf(hidden);
    nts = Map.copyOf(nts);
  }

  /**
   * The built-in fixtures ({@code ntplab.fixtures.builtin}) plus {@code ntplab.fixtures} if set.
   */
  public static Corpus load() throws FixtureException {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of(System.getProperty("ntplab.fixtures.builtin", "fixtures")));
    String extra = System.getProperty("ntplab.fixtures", "");
    if (!extra.isBlank()) {
      roots.add(Path.of(extra));
    }
    return load(roots.toArray(Path[]::new));
  }

  /**
   * The fixtures under {@code roots}: the first is the workbench's, any others an instructor's,
   * whose fixtures are {@link #hidden}.
   */
  public static Corpus load(Path... roots) throws FixtureException {
    List<FixtureStore.FixtureFile> files = FixtureStore.load(roots);
    Path builtin = roots[0].toAbsolutePath().normalize();
    Set<String> hidden =
        files.stream()
            .filter(f -> !f.path().toAbsolutePath().normalize().startsWith(builtin))
            .map(f -> f.fixture().id())
            .collect(Collectors.toSet());
    return of(files.stream().map(FixtureStore.FixtureFile::fixture).toList()).withHidden(hidden);
  }

  /**
   * This corpus with {@code ids} hidden: graded, but never shown to a student (bytes, id or
   * expected values).
   */
  public Corpus withHidden(Set<String> ids) {
    return new Corpus(packets, exchanges, captures, series, ids, nts);
  }

  /**
   * Whether a case's fixture label ({@code id}, {@code id (reply)}, {@code id, what}) is of a
   * hidden fixture.
   */
  public boolean isHidden(String label) {
    for (String id : hidden) {
      if (label.equals(id) || label.startsWith(id + " (") || label.startsWith(id + ", ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fixtures' packets, exchanges and captures, in the fixtures' order; but the exchanges
   * captured before those made by hand (tagged {@code synthetic}): lab 4's and lab 6's first
   * failure, the one a student reads, is then a real exchange, not a made-up one with T2 = T3 = 0.
   */
  public static Corpus of(List<Fixture> fixtures) {
    List<TimePacket> packets = new ArrayList<>();
    List<Exchange> exchanges = new ArrayList<>();
    List<Exchange> madeUp = new ArrayList<>();
    List<Capture> captures = new ArrayList<>();
    List<Series> series = new ArrayList<>();
    Map<String, Fixture.Nts> nts = new HashMap<>();
    for (Fixture f : fixtures) {
      if (f.nts() != null) {
        nts.put(f.id(), f.nts());
      }
      if (f.isSeries()) {
        series(f).ifPresent(series::add);
        continue;
      }
      captures.add(new Capture(f.id(), f.requestBytes().orElse(null), f.replyBytes().orElse(null)));
      f.requestBytes().ifPresent(b -> timePacket(f.id() + " (request)", b, packets));
      f.replyBytes()
          .ifPresent(
              b -> {
                TimePacket reply = timePacket(f.id() + " (reply)", b, packets);
                if (reply != null && f.t1() != null && f.t4() != null) {
                  (f.hasTag("synthetic") ? madeUp : exchanges)
                      .add(new Exchange(f.id(), f.t1(), reply.packet(), f.t4()));
                }
              });
    }
    exchanges.addAll(madeUp);
    return new Corpus(packets, exchanges, captures, series, Set.of(), nts);
  }

  /** A series whose every reply the reference decodes as a time packet; else none. */
  private static Optional<Series> series(Fixture f) {
    List<Exchange> exchanges = new ArrayList<>();
    for (int i = 0; i < f.series().size(); i++) {
      Fixture.Exchange x = f.series().get(i);
      String label = f.id() + ", exchange " + (i + 1);
      TimePacket reply = timePacket(label, x.replyBytes(), new ArrayList<>());
      if (reply == null) {
        return Optional.empty();
      }
      exchanges.add(new Exchange(label, x.t1(), reply.packet(), x.t4()));
    }
    return Optional.of(new Series(f.id(), exchanges));
  }

  private static TimePacket timePacket(String label, byte[] bytes, List<TimePacket> into) {
    try {
      NtpMessage message = NtpCodec.decode(bytes);
      if (message instanceof NtpPacket packet) {
        TimePacket p = new TimePacket(label, bytes, packet);
        into.add(p);
        return p;
      }
    } catch (MalformedPacketException e) {
      // Rejected by the reference: not a time packet; the labs that grade rejection take it from
      // captures.
    }
    return null;
  }
}
