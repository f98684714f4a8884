package org.ntplab.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ntplab.inspect.NtsReading.Checked;
import org.ntplab.inspect.NtsReading.NotChecked;
import org.ntplab.nts.Direction;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsCheck.Nak;
import org.ntplab.nts.NtsCheck.NotVerified;
import org.ntplab.nts.NtsCheck.Verified;
import org.ntplab.nts.NtsField;
import org.ntplab.text.Counts;
import org.ntplab.wire.ExtensionField;

/**
 * An {@link NtsReading} for people (the lines printed after a packet's hexdump) and for {@code
 * --json} (its {@code nts} object).
 *
 * <p>JSON keys: {@code checked} (false when there was nothing to check), {@code key} ({@code "C2S"}
 * or {@code "S2C"}), {@code aead} (IANA number), {@code verified}, {@code nak}, {@code reason}
 * (lower-case with hyphens, e.g. {@code "authentication-failed"}, or null), {@code explanation}
 * (one line for people), {@code uniqueIdentifierCompared}, {@code encryptedFields} (list of {@code
 * {type, length, name}}), {@code newCookies} (the byte count of each).
 */
public final class NtsView {

  private NtsView() {}

  /** The lines that follow the packet's hexdump, starting with {@code NTS:}. */
  public static List<String> lines(NtsReading reading, Style style) {
    List<String> lines = new ArrayList<>();
    if (reading instanceof NotChecked n) {
      lines.add(style.heading("NTS:") + " " + n.why());
      return lines;
    }
    Checked c = (Checked) reading;
    NtsCheck check = c.check();
    if (check instanceof Verified v) {
      lines.add(style.heading("NTS:") + " " + headline(c));
      if (c.direction() == Direction.SERVER_TO_CLIENT) {
        lines.add("  unique identifier: " + uidWords(c));
      }
      lines.add("  encrypted fields: " + innerSummary(v.inner()));
    } else {
      lines.add(style.heading("NTS:") + " " + style.problem(headline(c)));
      explanation(check).ifPresent(text -> lines.add("  " + text));
    }
    return lines;
  }

  /** The first line's words: verified, not verified, or a NAK. */
  public static String headline(Checked c) {
    String key = c.direction().keyName() + " key, " + c.keys().aead();
    if (c.check() instanceof Verified) {
      return "authenticator verified with the " + key;
    }
    if (c.check() instanceof NotVerified n) {
      return "authenticator NOT verified with the " + key + ": " + n.reason().meaning();
    }
    return "NAK (kiss code NTSN): the server could not use the cookie; unauthenticated by design,"
        + " it only tells the client to run NTS-KE again";
  }

  /** The {@code nts} object of {@code --json}. */
  public static ObjectNode json(NtsReading reading) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (reading instanceof NotChecked n) {
      json.put("checked", false);
      json.put("verified", false);
      json.put("explanation", n.why());
      return json;
    }
    Checked c = (Checked) reading;
    json.put("checked", true);
    json.put("key", c.direction().keyName());
    json.put("aead", c.keys().aead().id());
    json.put("verified", c.check() instanceof Verified);
    json.put("nak", c.check() instanceof Nak);
    json.put(
        "reason",
        c.check() instanceof NotVerified n
            ? n.reason().name().toLowerCase().replace('_', '-')
            : null);
    json.put("explanation", headline(c));
    json.put("uniqueIdentifierCompared", c.uidCompared());
    ArrayNode fields = json.putArray("encryptedFields");
    ArrayNode cookies = json.putArray("newCookies");
    if (c.check() instanceof Verified v) {
      for (ExtensionField field : v.inner()) {
        ObjectNode f = fields.addObject();
        f.put("type", field.type());
        f.put("length", field.length());
        f.put("name", field.name().orElse(null));
      }
      v.cookies().forEach(cookie -> cookies.add(cookie.length()));
    }
    return json;
  }

  /**
   * What the encrypted fields hold: {@code 1 new cookie, 100 bytes}, {@code 8 new cookies, 100
   * bytes each}, and any other field by name; {@code none} for a request's empty plaintext.
   */
  static String innerSummary(List<ExtensionField> inner) {
    Map<Integer, Integer> cookieSizes = new TreeMap<>();
    List<String> parts = new ArrayList<>();
    for (ExtensionField field : inner) {
      if (field.type() == NtsField.COOKIE) {
        cookieSizes.merge(field.value().length, 1, Integer::sum);
      } else {
        parts.add(Meanings.extensionFieldName(field) + ", " + Meanings.bytes(field.length()));
      }
    }
    List<String> cookies = new ArrayList<>();
    cookieSizes.forEach(
        (size, count) ->
            cookies.add(
                Counts.plural(count, "new cookie")
                    + ", "
                    + Meanings.bytes(size)
                    + (count > 1 ? " each" : "")));
    cookies.addAll(parts);
    return cookies.isEmpty() ? "none" : String.join("; ", cookies);
  }

  private static String uidWords(Checked c) {
    return c.uidCompared()
        ? "the request's, as it must be"
        : "not compared (the request is not given)";
  }

  /** The second line of a failure: the detail the check gave, and what it means for the packet. */
  private static Optional<String> explanation(NtsCheck check) {
    if (!(check instanceof NotVerified n)) {
      return Optional.empty();
    }
    String why =
        switch (n.reason()) {
          case AUTHENTICATION_FAILED ->
              "a wrong key, or bytes changed after the packet was sealed (forged or damaged)";
          case UID_MISMATCH -> "the reply answers another request, or replays an old one";
          case NO_UNIQUE_IDENTIFIER -> "a reply must echo the request's unique identifier";
          default -> n.detail().equals(n.reason().meaning()) ? "" : n.detail();
        };
    return Optional.of((why.isEmpty() ? "" : why + ": ") + "do not use this packet's time");
  }
}
