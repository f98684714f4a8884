package org.ntplab.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.Discipline;
import org.ntplab.mitigation.Mitigation.Tally;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.PeerSample;

/**
 * The decision and its rendering on values: three servers within a few milliseconds of each other,
 * one 600 ms off, one silent; their root delay 10 ms and dispersion 5 ms, as the demonstration's
 * lab servers announce.
 */
class SourcesTest {

  static final double NOW = 16;

  static Polled answered(String name, double offset, double jitter) {
    List<PeerSample> samples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      samples.add(new PeerSample(offset, 0.0004, 2e-5, 2 * i));
    }
    return new Polled(
        new Server(name, new InetSocketAddress("127.0.0.1", 1123)),
        8,
        0377,
        samples,
        Optional.of(new PeerEstimate(offset, 0.0004, 2e-5, jitter, 14)),
        Optional.of(new Claim(2, false, 0.010, 0.005, 1e-6)),
        Optional.empty());
  }

  static Polled silent(String name) {
    return new Polled(
        new Server(name, new InetSocketAddress("127.0.0.1", 1124)),
        8,
        0,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.of("no reply"));
  }

  static Sources.Decision demo() {
    return decide(
        answered("a", 0.010, 0.001),
        answered("b", 0.012, 0.001),
        answered("c", 0.008, 0.001),
        answered("liar", 0.600, 0.001),
        silent("gone"));
  }

  static Sources.Decision decide(Polled... peers) {
    return Sources.decide(new Survey(List.of(peers), NOW, 1, Poller.PRECISION));
  }

  @Test
  void theLiarIsAFalsetickerTheSilentOneUnreachableTheRestCombined() {
    Sources.Synchronized s = assertInstanceOf(Sources.Synchronized.class, demo());
    List<Tally> tallies = s.rows().stream().map(Sources.Row::tally).toList();
    assertEquals(Tally.FALSETICKER, tallies.get(3));
    assertEquals(Tally.UNFIT, tallies.get(4));
    assertEquals(Optional.of("never answered (last: no reply)"), s.rows().get(4).why());
    assertTrue(s.rows().get(4).interval().isEmpty());
    for (Tally t : tallies.subList(0, 3)) {
      assertTrue(t == Tally.SYSTEM_PEER || t == Tally.CANDIDATE, tallies.toString());
    }
    // The intersection holds the truechimers' offsets and not the liar's.
    assertTrue(s.intersection().low() <= 0.008 && 0.012 <= s.intersection().high());
    assertTrue(s.intersection().high() < 0.600);
    assertEquals(1, s.intersection().falsetickers());
    assertEquals(0.010, s.combined().offset(), 0.002);
    assertEquals(Discipline.Action.SLEW, s.action());
  }

  @Test
  void beyondTheStepThresholdTheDisciplineSteps() {
    Sources.Decision d = decide(answered("a", 0.5, 0.001), answered("b", 0.5, 0.001));
    assertEquals(Discipline.Action.STEP, ((Sources.Synchronized) d).action());
  }

  @Test
  void nobodyAnsweringIsUnsynchronizedNotACrash() {
    Sources.Decision d = decide(silent("x"), silent("y"));
    Sources.Unsynchronized u = assertInstanceOf(Sources.Unsynchronized.class, d);
    assertEquals("no server answered", u.why());
    assertTrue(SourcesTable.render(d).endsWith("not synchronized: no server answered\n"));
  }

  @Test
  void twoServersThatDisagreeHaveNoMajority() {
    Sources.Decision d = decide(answered("a", 0.0, 0.001), answered("b", 1.0, 0.001));
    Sources.Unsynchronized u = assertInstanceOf(Sources.Unsynchronized.class, d);
    assertEquals("no majority of the servers agrees", u.why());
    assertEquals(Tally.FALSETICKER, d.rows().get(0).tally());
  }

  @Test
  void theTableShowsTallyReachFilterDistanceAndReason() {
    String text = SourcesTable.render(demo());
    List<String> lines = text.lines().toList();
    assertEquals(
        "  server                 st reach samples     offset     delay      disp    jitter  rootdist",
        lines.get(0));
    assertTrue(
        lines.get(4).startsWith("x liar                    2   377     8/8    +600 ms    400 µs"),
        lines.get(4));
    assertTrue(lines.get(4).endsWith("its offset is outside the intersection of the majority"));
    assertEquals(
        "  gone                    -     0     0/8          -         -         -         -         -"
            + "  never answered (last: no reply)",
        lines.get(5));
    assertTrue(text.contains("\nthe clock discipline would slew the clock by +10"), text);
  }

  @Test
  void thePictureDrawsEachIntervalOnOneAxisAndMarksTheIntersection() {
    String text = SourcesTable.render(demo());
    List<String> picture =
        text.lines().dropWhile(l -> !l.startsWith("a ")).takeWhile(l -> !l.isEmpty()).toList();
    assertEquals(6, picture.size(), text); // four servers, the intersection, the axis's ends
    // The truechimers sit at the left end, the liar at the right: one axis for all.
    int axis = "intersection ".length();
    assertTrue(picture.get(0).indexOf('|') - axis < 5, picture.get(0));
    assertTrue(picture.get(3).indexOf('|') - axis > 50, picture.get(3));
    // Every bar starts in the same column: the axis is one for all lines.
    assertEquals(picture.get(0).indexOf('['), picture.get(4).indexOf('='), text);
    assertTrue(picture.get(3).endsWith("]"));
    assertTrue(picture.get(4).startsWith("intersection") && picture.get(4).contains("="));
    assertTrue(picture.get(4).lastIndexOf('=') < picture.get(3).indexOf('['));
    assertTrue(
        picture.get(5).strip().startsWith("-") && picture.get(5).endsWith("+611 ms"),
        picture.get(5));
  }

  @Test
  void theJsonHasPerServerSamplesFilterTallyReasonAndIntervalThenIntersectionAndCombined() {
    JsonNode json = SourcesJson.of(demo());
    JsonNode liar = json.get("servers").get(3);
    assertEquals("x", liar.get("tally").asText());
    assertEquals("falseticker", liar.get("status").asText());
    assertEquals(8, liar.get("samples").size());
    assertEquals(0.600, liar.get("filter").get("offset").asDouble());
    assertEquals("377", liar.get("reach").asText());
    assertTrue(
        liar.get("interval").get("low").asDouble()
            > json.get("intersection").get("high").asDouble());
    assertEquals(" ", json.get("servers").get(4).get("tally").asText());
    assertTrue(json.get("servers").get(4).get("filter") == null);
    assertTrue(json.get("synchronized").asBoolean());
    assertEquals(0.010, json.get("combined").get("offset").asDouble(), 0.002);
    assertEquals("slew", json.get("discipline").asText());
  }
}
