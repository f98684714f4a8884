package org.ntplab.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.ntplab.text.Durations;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mac;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.PrivateMessage;

/**
 * A decoded message as a Jackson tree, with the field names that {@code decode --json} and {@code
 * inspect --json} print. The object is mutable on purpose: {@code inspect} adds {@code t1}, {@code
 * t4} (via {@link #timestamp}), {@code offset}, {@code delay} (via {@link #seconds(Duration)}) and
 * {@code server} to the same object.
 *
 * <p>Time packets (modes 0–5), keys in this order: {@code leap}, {@code version}, {@code mode},
 * {@code stratum}, {@code poll}, {@code precision} (integers as on the wire), {@code rootDelay},
 * {@code rootDispersion} (exact decimal seconds, as JSON numbers), {@code referenceId} ({@code
 * {"hex": "7f7f0101", "text": "127.127.1.1"}}, text null when the bytes read as nothing), {@code
 * referenceTime}, {@code originTime}, {@code receiveTime}, {@code transmitTime} (each {@code
 * {"hex": "eeacbd2e.61faa000", "instant": "2026-11-22T01:00:44.382...Z"}}, instant null for the
 * zero "unknown" timestamp), {@code kissCode} (string or null), {@code extensionFields} (list of
 * {@code {type, length, name}}, type an integer, name null when unregistered), {@code mac} ({@code
 * {keyId, digest}} with the digest in hex, {@code ""} for a crypto-NAK; or null), {@code length}
 * (bytes).
 *
 * <p>Mode 6 control messages: {@code leap}, {@code version}, {@code mode}, {@code response}, {@code
 * error}, {@code more} (booleans, the R/E/M bits), {@code opcode}, {@code opcodeName} (or null),
 * {@code sequence}, {@code status} (the 16-bit word as an integer), {@code statusText} (ntpq's
 * reading of it), {@code associationId}, {@code offset}, {@code count}, {@code data} (the {@code
 * count} data bytes in hex), {@code text} (the data as a string when it is text, else null), {@code
 * mac} (as above, or null), {@code length}.
 *
 * <p>Mode 7 private messages: {@code version}, {@code mode}, {@code response}, {@code more}, {@code
 * authenticated}, {@code sequence}, {@code implementation}, {@code requestCode}, {@code
 * requestName} (ntpd's name such as {@code MON_GETLIST_1}, or null), {@code errorCode}, {@code
 * itemCount}, {@code mustBeZero}, {@code itemSize}, {@code items} (each item's bytes in hex),
 * {@code trailer} (hex of what follows the items: request padding, authentication), {@code length}.
 */
public final class JsonView {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  /** {@code "key": value}, arrays on one line: how people write JSON, and how fixtures look. */
  private static final ObjectWriter PRETTY =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withArrayValueSpacing(Separators.Spacing.AFTER))
                  .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

  private JsonView() {}

  /** The tree as indented text, for people and for pipes alike. */
  public static String toText(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  public static ObjectNode of(NtpMessage message) {
    if (message instanceof NtpPacket p) {
      return packet(p);
    }
    if (message instanceof ControlMessage c) {
      return control(c);
    }
    return privateMessage((PrivateMessage) message);
  }

  private static ObjectNode packet(NtpPacket p) {
    ObjectNode json = NODES.objectNode();
    json.put("leap", p.leap().code());
    json.put("version", p.version());
    json.put("mode", p.mode().code());
    json.put("stratum", p.stratum());
    json.put("poll", p.poll());
    json.put("precision", p.precision());
    json.set("rootDelay", seconds(p.rootDelay().seconds()));
    json.set("rootDispersion", seconds(p.rootDispersion().seconds()));
    ObjectNode referenceId = json.putObject("referenceId");
    referenceId.put("hex", p.referenceId().hex());
    referenceId.put("text", p.referenceIdText().isEmpty() ? null : p.referenceIdText());
    json.set("referenceTime", timestamp(p.referenceTime()));
    json.set("originTime", timestamp(p.originTime()));
    json.set("receiveTime", timestamp(p.receiveTime()));
    json.set("transmitTime", timestamp(p.transmitTime()));
    json.put("kissCode", p.kissCode().map(Object::toString).orElse(null));
    ArrayNode fields = json.putArray("extensionFields");
    for (ExtensionField field : p.extensionFields()) {
      ObjectNode f = fields.addObject();
      f.put("type", field.type());
      f.put("length", field.length());
      f.put("name", field.name().orElse(null));
    }
    json.set("mac", mac(p.mac()));
    json.put("length", p.length());
    return json;
  }

  private static ObjectNode control(ControlMessage c) {
    ObjectNode json = NODES.objectNode();
    json.put("leap", c.leap().code());
    json.put("version", c.version());
    json.put("mode", c.mode().code());
    json.put("response", c.response());
    json.put("error", c.error());
    json.put("more", c.more());
    json.put("opcode", c.opcode());
    json.put("opcodeName", c.opcodeName().orElse(null));
    json.put("sequence", c.sequence());
    json.put("status", c.status());
    json.put("statusText", ControlMeanings.status(c));
    json.put("associationId", c.associationId());
    json.put("offset", c.offset());
    json.put("count", c.count());
    json.put("data", HEX.formatHex(c.data()));
    json.put("text", ControlMeanings.dataText(c).orElse(null));
    json.set("mac", mac(c.mac()));
    json.put("length", c.length());
    return json;
  }

  private static ObjectNode privateMessage(PrivateMessage m) {
    ObjectNode json = NODES.objectNode();
    json.put("version", m.version());
    json.put("mode", m.mode().code());
    json.put("response", m.response());
    json.put("more", m.more());
    json.put("authenticated", m.authenticated());
    json.put("sequence", m.sequence());
    json.put("implementation", m.implementation());
    json.put("requestCode", m.requestCode());
    json.put("requestName", m.requestName().orElse(null));
    json.put("errorCode", m.errorCode());
    json.put("itemCount", m.itemCount());
    json.put("mustBeZero", m.mustBeZero());
    json.put("itemSize", m.itemSize());
    byte[] body = m.body();
    ArrayNode items = json.putArray("items");
    int offset = 0;
    if (m.itemSize() > 0) {
      for (int i = 0; i < m.itemCount() && offset < body.length; i++) {
        int end = Math.min(offset + m.itemSize(), body.length);
        items.add(HEX.formatHex(body, offset, end));
        offset = end;
      }
    }
    json.put("trailer", HEX.formatHex(body, offset, body.length));
    json.put("length", m.length());
    return json;
  }

  /**
   * {@code {"hex": "eeacbd2e.61faa000", "instant": "2026-11-22T01:00:44.382…Z"}}, instant null for
   * zero.
   */
  public static ObjectNode timestamp(NtpTimestamp timestamp) {
    ObjectNode json = NODES.objectNode();
    json.put("hex", timestamp.toString());
    json.put("instant", timestamp.instant().map(Object::toString).orElse(null));
    return json;
  }

  /**
   * Seconds as an exact JSON number in plain notation: {@code 16}, never {@code 1.6E+1}, which is
   * what {@code stripTrailingZeros()} leaves and Jackson would print.
   */
  public static JsonNode seconds(BigDecimal seconds) {
    // DecimalNode directly: the factory may strip trailing zeros, turning 16 back into 1.6E+1.
    return DecimalNode.valueOf(seconds.scale() < 0 ? seconds.setScale(0) : seconds);
  }

  /**
   * A duration (offset, delay) as exact decimal seconds, to the nanosecond: {@code -0.000123456}.
   */
  public static JsonNode seconds(Duration duration) {
    BigDecimal seconds = Durations.seconds(duration);
    return seconds(seconds.signum() == 0 ? BigDecimal.ZERO : seconds.stripTrailingZeros());
  }

  private static JsonNode mac(Optional<Mac> mac) {
    if (mac.isEmpty()) {
      return NODES.nullNode();
    }
    ObjectNode json = NODES.objectNode();
    json.put("keyId", mac.get().keyId());
    json.put("digest", mac.get().digestHex());
    return json;
  }
}
