package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.HeaderFields;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** Lab 3: the request every client in the fixtures could have sent, and every reply's header. */
final class EncodeExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(3, "encode", "Encoder", Lab.Exercises.of(EncodeLab.class, EncodeExercises::of));

  private EncodeExercises() {}

  static List<Exercise<EncodeLab>> of(Corpus corpus) {
    List<Case<EncodeLab>> requests = new ArrayList<>();
    request(requests, "edge", 3, 0); // the classic 0x1b and 47 zero bytes
    request(requests, "edge", 4, 0xffffffff_ffffffffL);
    List<Case<EncodeLab>> replies = new ArrayList<>();
    for (Corpus.TimePacket p : corpus.packets()) {
      NtpPacket k = p.packet();
      if (k.mode() == Mode.CLIENT) {
        request(requests, p.label(), k.version(), k.transmitTime().bits());
      } else if (k.mode() == Mode.SERVER
          || k.mode() == Mode.BROADCAST
          || k.mode() == Mode.SYMMETRIC_PASSIVE) {
        HeaderFields fields = fields(k);
        replies.add(
            new Case<>(
                p.label(),
                "header",
                "serverReply(" + fields + ")",
                Arrays.copyOf(p.bytes(), NtpPacket.HEADER_LENGTH),
                lab -> lab.serverReply(fields),
                Comparison.packet(),
                Set.of("reply-header")));
      }
    }
    return List.of(
        new Exercise<>(LAB, "client request", 10, requests),
        new Exercise<>(LAB, "server reply", 15, replies));
  }

  private static void request(
      List<Case<EncodeLab>> into, String label, int version, long transmit) {
    byte[] expected = NtpCodec.encode(NtpPacket.clientRequest(version, new NtpTimestamp(transmit)));
    Set<String> rules = new LinkedHashSet<>(Set.of("request-layout"));
    if (version != 3) {
      rules.add("request-version"); // the classic 0x1b is version 3
    }
    if (transmit != 0) {
      rules.add("request-transmit");
    }
    into.add(
        new Case<>(
            label,
            "request",
            String.format("clientRequest(%d, 0x%016xL)", version, transmit),
            expected,
            lab -> lab.clientRequest(version, transmit),
            Comparison.packet(),
            rules));
  }

  static HeaderFields fields(NtpPacket p) {
    return new HeaderFields(
        p.leap().code(),
        p.version(),
        p.mode().code(),
        p.stratum(),
        p.poll(),
        p.precision(),
        Integer.toUnsignedLong(p.rootDelay().bits()),
        Integer.toUnsignedLong(p.rootDispersion().bits()),
        Integer.toUnsignedLong(p.referenceId().bits()),
        p.referenceTime().bits(),
        p.originTime().bits(),
        p.receiveTime().bits(),
        p.transmitTime().bits());
  }
}
