package org.ntplab.sources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.PeerSample;
import org.ntplab.mitigation.Selection;

/**
 * A {@link Sources.Decision} as data, what {@link SourcesTable} shows: per server its samples, the
 * filter's output, tally, reason and correctness interval; the intersection; the combined offset
 * and the discipline's action. Times are seconds; sample times count from the first poll.
 */
public final class SourcesJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SourcesJson() {}

  public static ObjectNode of(Sources.Decision decision) {
    ObjectNode root = NODES.objectNode();
    ArrayNode servers = root.putArray("servers");
    for (Sources.Row r : decision.rows()) {
      servers.add(server(r));
    }
    if (decision instanceof Sources.Synchronized s) {
      root.put("synchronized", true);
      Selection.Majority m = s.intersection();
      ObjectNode intersection = root.putObject("intersection");
      intersection.put("low", m.low());
      intersection.put("high", m.high());
      intersection.put("falsetickersAllowed", m.falsetickers());
      ObjectNode combined = root.putObject("combined");
      combined.put("systemPeer", s.systemPeer());
      combined.put("offset", s.combined().offset());
      combined.put("jitter", s.combined().jitter());
      combined.put("peerJitter", s.combined().peerJitter());
      combined.put("selectionJitter", s.combined().selectionJitter());
      root.put("discipline", s.action().name().toLowerCase(java.util.Locale.ROOT));
    } else if (decision instanceof Sources.Unsynchronized u) {
      root.put("synchronized", false);
      root.put("why", u.why());
    }
    return root;
  }

  private static ObjectNode server(Sources.Row r) {
    Polled p = r.peer();
    ObjectNode node = NODES.objectNode();
    node.put("name", p.name());
    node.put("address", org.ntplab.net.Addresses.text(p.server().address()));
    node.put("tally", String.valueOf(r.tally().code()));
    node.put("status", r.tally().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    r.why().ifPresentOrElse(w -> node.put("reason", w), () -> node.putNull("reason"));
    p.claim().ifPresent(c -> node.put("stratum", c.stratum()));
    node.put("reach", Integer.toOctalString(p.reach()));
    node.put("polls", p.polls());
    ArrayNode samples = node.putArray("samples");
    for (PeerSample s : p.samples()) {
      ObjectNode o = samples.addObject();
      o.put("offset", s.offset());
      o.put("delay", s.delay());
      o.put("dispersion", s.dispersion());
      o.put("time", s.time());
    }
    if (p.estimate().isPresent()) {
      PeerEstimate e = p.estimate().get();
      ObjectNode filter = node.putObject("filter");
      filter.put("offset", e.offset());
      filter.put("delay", e.delay());
      filter.put("dispersion", e.dispersion());
      filter.put("jitter", e.jitter());
      filter.put("time", e.time());
    }
    r.interval()
        .ifPresent(
            i -> {
              node.put("rootDistance", i.rootDistance());
              ObjectNode interval = node.putObject("interval");
              interval.put("low", i.low());
              interval.put("high", i.high());
            });
    return node;
  }
}
