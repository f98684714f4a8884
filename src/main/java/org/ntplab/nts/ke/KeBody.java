package org.ntplab.nts.ke;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of an NTS-KE record, typed by its record type (RFC 8915 §4.1); a type RFC 8915 does not
 * define is kept as {@link Unknown}, its bytes as they came. Each body encodes itself; {@link
 * #decode} is the way back, and refuses a body of the wrong shape for its type.
 */
public sealed interface KeBody
    permits KeBody.EndOfMessage,
        KeBody.NextProtocol,
        KeBody.Error,
        KeBody.Warning,
        KeBody.AeadAlgorithm,
        KeBody.NewCookie,
        KeBody.Server,
        KeBody.Port,
        KeBody.Unknown {

  /** Protocol id of NTPv4 in the Next Protocol record, the only one registered. */
  int NTPV4 = 0;

  /** The record type number, 0 to 0x7fff. */
  int type();

  /** The body's bytes, without the record's 4-byte header. */
  byte[] encode();

  /** The end of a message: an empty body. */
  record EndOfMessage() implements KeBody {
    @Override
    public int type() {
      return RecordType.END_OF_MESSAGE.code();
    }

    @Override
    public byte[] encode() {
      return new byte[0];
    }
  }

  /** The protocols offered (client) or chosen (server, one or none): 16-bit ids, NTPv4 is 0. */
  record NextProtocol(List<Integer> protocols) implements KeBody {
    public NextProtocol {
      protocols = u16List(protocols, "protocol id");
    }

    @Override
    public int type() {
      return RecordType.NEXT_PROTOCOL.code();
    }

    @Override
    public byte[] encode() {
      return encodeU16s(protocols);
    }
  }

  /** The server refuses: a 16-bit {@link ErrorCode}. */
  record Error(int code) implements KeBody {
    public Error {
      requireU16(code, "error code");
    }

    @Override
    public int type() {
      return RecordType.ERROR.code();
    }

    @Override
    public byte[] encode() {
      return encodeU16s(List.of(code));
    }
  }

  /** A warning: a 16-bit code, none of which RFC 8915 defines. */
  record Warning(int code) implements KeBody {
    public Warning {
      requireU16(code, "warning code");
    }

    @Override
    public int type() {
      return RecordType.WARNING.code();
    }

    @Override
    public byte[] encode() {
      return encodeU16s(List.of(code));
    }
  }

  /** The AEAD algorithms offered (client, in order of preference) or the one chosen (server). */
  record AeadAlgorithm(List<Integer> ids) implements KeBody {
    public AeadAlgorithm {
      ids = u16List(ids, "AEAD id");
    }

    @Override
    public int type() {
      return RecordType.AEAD_ALGORITHM.code();
    }

    @Override
    public byte[] encode() {
      return encodeU16s(ids);
    }
  }

  /** A cookie for NTPv4, opaque to the client: it goes back to the server in an NTP request. */
  record NewCookie(byte[] cookie) implements KeBody {
    public NewCookie {
      cookie = cookie.clone();
    }

    @Override
    public byte[] cookie() {
      return cookie.clone();
    }

    @Override
    public int type() {
      return RecordType.NEW_COOKIE.code();
    }

    @Override
    public byte[] encode() {
      return cookie.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NewCookie other && Arrays.equals(cookie, other.cookie);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(cookie);
    }

    @Override
    public String toString() {
      return "NewCookie[" + cookie.length + " bytes: " + HexFormat.of().formatHex(cookie) + "]";
    }
  }

  /** The NTP server to use instead of the NTS-KE host: a name or an address, in ASCII. */
  record Server(String name) implements KeBody {
    public Server {
      int bad = firstNonAscii(name.getBytes(StandardCharsets.UTF_8));
      if (name.isEmpty() || bad >= 0) {
        throw new IllegalArgumentException(
            "server name must be printable ASCII, not empty: " + name);
      }
    }

    @Override
    public int type() {
      return RecordType.SERVER.code();
    }

    @Override
    public byte[] encode() {
      return name.getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** The UDP port of the NTP server, when it is not 123. */
  record Port(int port) implements KeBody {
    public Port {
      requireU16(port, "port");
    }

    @Override
    public int type() {
      return RecordType.PORT.code();
    }

    @Override
    public byte[] encode() {
      return encodeU16s(List.of(port));
    }
  }

  /** A record type RFC 8915 does not define, kept byte for byte. */
  record Unknown(int type, byte[] bytes) implements KeBody {
    public Unknown {
      if (type < 0 || type > 0x7fff || RecordType.of(type).isPresent()) {
        throw new IllegalArgumentException("not an unknown record type (8..0x7fff): " + type);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public byte[] encode() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown other && type == other.type && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * type + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Unknown[type=" + type + ", " + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  /**
   * The body of type {@code type} in {@code body}; {@code offset} (of the record's header) and
   * {@code where} go into the message of a body of the wrong shape.
   */
  static KeBody decode(int type, byte[] body, int offset, String where) {
    RecordType known = RecordType.of(type).orElse(null);
    if (known == null) {
      return new Unknown(type, body);
    }
    return switch (known) {
      case END_OF_MESSAGE -> {
        if (body.length != 0) {
          throw new MalformedKeException(
              offset, where, "the body is " + body.length + " bytes, End of Message has none");
        }
        yield new EndOfMessage();
      }
      case NEXT_PROTOCOL -> new NextProtocol(decodeU16s(body, offset, where));
      case ERROR -> new Error(decodeU16(body, offset, where));
      case WARNING -> new Warning(decodeU16(body, offset, where));
      case AEAD_ALGORITHM -> new AeadAlgorithm(decodeU16s(body, offset, where));
      case NEW_COOKIE -> new NewCookie(body);
      case SERVER -> {
        int bad = firstNonAscii(body);
        if (body.length == 0 || bad >= 0) {
          throw new MalformedKeException(
              offset,
              where,
              body.length == 0
                  ? "the body is empty, a server name or address was expected"
                  : String.format(
                      "body byte %d is 0x%02x, a name or address in printable ASCII was expected",
                      bad, body[bad]));
        }
        yield new Server(new String(body, StandardCharsets.US_ASCII));
      }
      case PORT -> new Port(decodeU16(body, offset, where));
    };
  }

  private static int decodeU16(byte[] body, int offset, String where) {
    if (body.length != 2) {
      throw new MalformedKeException(
          offset, where, "the body is " + body.length + " bytes, one 16-bit number was expected");
    }
    return ByteBuffer.wrap(body).getShort() & 0xffff;
  }

  private static List<Integer> decodeU16s(byte[] body, int offset, String where) {
    if (body.length % 2 != 0) {
      throw new MalformedKeException(
          offset,
          where,
          "the body is " + body.length + " bytes, a list of 16-bit ids was expected");
    }
    List<Integer> ids = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(body);
    while (in.hasRemaining()) {
      ids.add(in.getShort() & 0xffff);
    }
    return ids;
  }

  private static byte[] encodeU16s(List<Integer> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : values) {
      out.write(v >>> 8);
      out.write(v);
    }
    return out.toByteArray();
  }

  private static List<Integer> u16List(List<Integer> values, String what) {
    values.forEach(v -> requireU16(v, what));
    return List.copyOf(values);
  }

  private static void requireU16(int value, String what) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException(what + " out of range 0..65535: " + value);
    }
  }

  /** The index of the first byte that is not printable ASCII (0x21..0x7e), or -1. */
  private static int firstNonAscii(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] < 0x21 || bytes[i] > 0x7e) {
        return i;
      }
    }
    return -1;
  }
}
