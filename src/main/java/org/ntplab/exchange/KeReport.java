package org.ntplab.exchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ntplab.nts.Aead;
import org.ntplab.nts.ke.ErrorCode;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeRecord;
import org.ntplab.text.Counts;

/**
 * An NTS-KE response written for people, record by record (RFC 8915 §4.1): the critical bit, the
 * type and what the body says; and the same as {@code --json}'s {@code records} array.
 */
public final class KeReport {

  private static final String COLUMNS = "  crit type  record                           body";

  private KeReport() {}

  /** A heading line, then one line per record in the order they came. */
  public static List<String> lines(List<KeRecord> records) {
    List<String> lines = new ArrayList<>();
    lines.add(COLUMNS);
    for (KeRecord r : records) {
      String critical = r.critical() ? "  *   " : "      ";
      String type = pad(String.valueOf(r.type()), 6);
      lines.add((critical + type + pad(r.name(), 33) + body(r.body())).stripTrailing());
    }
    return lines;
  }

  /** What a record's body says: {@code NTPv4 (0)}, {@code 15 (AEAD_AES_SIV_CMAC_256)}, ... */
  public static String body(KeBody body) {
    if (body instanceof KeBody.NextProtocol p) {
      return p.protocols().stream()
          .map(id -> id == KeBody.NTPV4 ? "NTPv4 (0)" : "protocol " + id)
          .collect(Collectors.joining(", ", "", p.protocols().isEmpty() ? "none" : ""));
    }
    if (body instanceof KeBody.AeadAlgorithm a) {
      return a.ids().stream().map(Aead::describe).collect(Collectors.joining(", "));
    }
    if (body instanceof KeBody.NewCookie c) {
      return Counts.plural(c.cookie().length, "byte") + ", opaque";
    }
    if (body instanceof KeBody.Server s) {
      return "NTP goes to " + s.name();
    }
    if (body instanceof KeBody.Port p) {
      return "NTP goes to port " + p.port();
    }
    if (body instanceof KeBody.Error e) {
      return "error " + ErrorCode.describe(e.code());
    }
    if (body instanceof KeBody.Warning w) {
      return "warning " + w.code();
    }
    if (body instanceof KeBody.Unknown u) {
      return Counts.plural(u.bytes().length, "byte") + " of a type RFC 8915 does not define";
    }
    return "";
  }

  /**
   * How many cookies and of what size: {@code 8 cookies, 100 bytes each}; what a request's
   * placeholders must match.
   */
  public static String cookies(List<KeBody.NewCookie> cookies) {
    List<Integer> sizes = cookies.stream().map(c -> c.cookie().length).distinct().toList();
    String count = Counts.plural(cookies.size(), "cookie");
    if (sizes.size() == 1) {
      return count
          + ", "
          + Counts.plural(sizes.get(0), "byte")
          + (cookies.size() > 1 ? " each" : "");
    }
    return count
        + " of "
        + sizes.stream().map(String::valueOf).collect(Collectors.joining(", "))
        + " bytes";
  }

  /** The records as {@code [{critical, type, name, body}]}, body as {@link #body} words it. */
  public static ArrayNode json(List<KeRecord> records) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (KeRecord r : records) {
      ObjectNode node = array.addObject();
      node.put("critical", r.critical());
      node.put("type", r.type());
      node.put("name", r.name());
      node.put("body", body(r.body()));
    }
    return array;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(1, width - text.length()));
  }
}
