package org.ntplab.nts.ke;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * NTS-KE messages as bytes: a sequence of records that ends with End of Message (RFC 8915 §4).
 * Reading stops there; a message that ends before it, a record cut short, a body of the wrong shape
 * for its type, or a critical record of a type RFC 8915 does not define is refused with {@link
 * MalformedKeException}.
 */
public final class KeCodec {

  /**
   * The most a server's response may take. chrony's, eight cookies of 100 bytes, is under 900; a
   * server that sends more without End of Message is not answering, it is filling memory.
   */
  public static final int MAX_MESSAGE = 64 * 1024;

  private KeCodec() {}

  /** The records, header and body each, one after another. */
  public static byte[] encode(List<KeRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(r -> out.writeBytes(r.encode()));
    return out.toByteArray();
  }

  /** A whole message: records up to End of Message, and nothing after it. */
  public static List<KeRecord> decode(byte[] message) {
    ByteArrayInputStream in = new ByteArrayInputStream(message);
    try {
      // No limit: the bytes are all here, the truncation is what to report.
      List<KeRecord> records = read(in, Integer.MAX_VALUE);
      if (in.available() > 0) {
        int end = message.length - in.available();
        throw new MalformedKeException(
            end,
            "after End of Message",
            in.available() + " bytes follow End of Message, which ends the message");
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
  }

  /**
   * Reads records from {@code in} up to and including End of Message, and no further: the server
   * may keep the connection open after it.
   *
   * @param limit the most bytes to read (see {@link #MAX_MESSAGE})
   * @throws MalformedKeException when the bytes are not a message, or not one within {@code limit}
   * @throws IOException when {@code in} fails, a timeout among others
   */
  public static List<KeRecord> read(InputStream in, int limit) throws IOException {
    List<KeRecord> records = new ArrayList<>();
    int offset = 0;
    while (true) {
      String where = "record " + (records.size() + 1);
      byte[] header = in.readNBytes(KeRecord.HEADER_LENGTH);
      if (header.length == 0) {
        throw new MalformedKeException(
            offset,
            where,
            "the message ended after "
                + records.size()
                + " records without End of Message (record type 0)");
      }
      if (header.length < KeRecord.HEADER_LENGTH) {
        throw new MalformedKeException(
            offset,
            where,
            "the message ended inside a record header: "
                + header.length
                + " of "
                + KeRecord.HEADER_LENGTH
                + " bytes");
      }
      boolean critical = (header[0] & 0x80) != 0;
      int type = ((header[0] & 0x7f) << 8) | (header[1] & 0xff);
      int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
      where += ", " + RecordType.of(type).map(RecordType::registeredName).orElse("type " + type);
      if ((long) offset + KeRecord.HEADER_LENGTH + length > limit) {
        throw new MalformedKeException(
            offset,
            where,
            "a body of "
                + length
                + " bytes would take the message past "
                + limit
                + " bytes without End of Message");
      }
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new MalformedKeException(
            offset,
            where,
            "the body is " + length + " bytes, the message ended after " + body.length);
      }
      if (critical && RecordType.of(type).isEmpty()) {
        throw new UnrecognizedCriticalRecordException(
            offset,
            where,
            "an unknown record type marked critical: a receiver must not skip it (RFC 8915 §4)");
      }
      KeRecord record = new KeRecord(critical, KeBody.decode(type, body, offset, where));
      records.add(record);
      offset += KeRecord.HEADER_LENGTH + length;
      if (record.body() instanceof KeBody.EndOfMessage) {
        return List.copyOf(records);
      }
    }
  }
}
