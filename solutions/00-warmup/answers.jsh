// Lab 0: warm-up. Each answer is a method: replace the throw with what it should return.
// Grade it: mvn test -Dlab=0.   Try it: ./ntplab shell labs/00-warmup/answers.jsh (or plain jshell).
// Use only the JDK here: the grader runs this script on its own, without the workbench.
import java.time.Instant;

// 1. How many seconds from 1900-01-01T00:00Z (NTP's epoch) to 1970-01-01T00:00Z (Unix's)?
long epochOffset() {
  return (70 * 365 + 17) * 86_400L; // 70 years, 17 of them leap years (1904 ... 1968)
}

// 2. When does era 0 end: at what instant does the 32-bit seconds field wrap to zero?
Instant eraZeroEnds() {
  return Instant.ofEpochSecond((1L << 32) - epochOffset());
}

// 3. How many bytes is the smallest SNTP request?
int requestLength() {
  return 48;
}

// 4. At which byte offset does the receive timestamp (T2) start? It is 8 bytes long.
int receiveTimestampOffset() {
  return 32;
}

// 5. The first byte holds LI (2 bits), version (3) and mode (3). What are the version and mode
//    of 0x1b, the first byte of the classic SNTP request? Of any first byte?
int version(int firstByte) {
  return (firstByte >> 3) & 0b111;
}

int mode(int firstByte) {
  return firstByte & 0b111;
}

// 6. A reply's receive timestamp as seconds since 1900: the 32-bit seconds plus the 32-bit
//    fraction over 2^32, both unsigned, e.g. 3869213010.188123546.
double receiveSeconds(byte[] reply) {
  long seconds = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(reply, 32, 4).getInt());
  long fraction = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(reply, 36, 4).getInt());
  return seconds + fraction / 4294967296.0;
}

// 7. A stratum 0 reply is a kiss-o'-death: its reference ID holds a 4-letter ASCII code such as
//    RATE or DENY. Return it (without NUL padding), or null if the stratum is not 0 or the
//    reference ID is not ASCII.
String kissCode(byte[] reply) {
  if (reply[1] != 0) {
    return null;
  }
  StringBuilder code = new StringBuilder();
  boolean ended = false;
  for (int i = 12; i < 16; i++) {
    int b = reply[i] & 0xff;
    if (b == 0) {
      ended = true;
    } else if (ended || b < 0x20 || b > 0x7e) {
      return null;
    } else {
      code.append((char) b);
    }
  }
  return code.length() == 0 ? null : code.toString();
}
