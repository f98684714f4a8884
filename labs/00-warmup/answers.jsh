// Lab 0: warm-up. Each answer is a method: replace the throw with what it should return.
// Grade it: mvn test -Dlab=0.   Try it: ./ntplab shell labs/00-warmup/answers.jsh (or plain jshell).
// Use only the JDK here: the grader runs this script on its own, without the workbench.
import java.time.Instant;

// 1. How many seconds from 1900-01-01T00:00Z (NTP's epoch) to 1970-01-01T00:00Z (Unix's)?
long epochOffset() {
  throw new UnsupportedOperationException("Lab 0, question 1: return the seconds from 1900 to 1970");
}

// 2. When does era 0 end: at what instant does the 32-bit seconds field wrap to zero?
Instant eraZeroEnds() {
  throw new UnsupportedOperationException("Lab 0, question 2: return the Instant at which era 0 ends");
}

// 3. How many bytes is the smallest SNTP request?
int requestLength() {
  throw new UnsupportedOperationException("Lab 0, question 3: return the length of an SNTP request in bytes");
}

// 4. At which byte offset does the receive timestamp (T2) start? It is 8 bytes long.
int receiveTimestampOffset() {
  throw new UnsupportedOperationException("Lab 0, question 4: return the offset of the receive timestamp's first byte");
}

// 5. The first byte holds LI (2 bits), version (3) and mode (3). What are the version and mode
//    of 0x1b, the first byte of the classic SNTP request? Of any first byte?
int version(int firstByte) {
  throw new UnsupportedOperationException("Lab 0, question 5: return the version number in firstByte");
}

int mode(int firstByte) {
  throw new UnsupportedOperationException("Lab 0, question 5: return the mode in firstByte");
}

// 6. A reply's receive timestamp as seconds since 1900: the 32-bit seconds plus the 32-bit
//    fraction over 2^32, both unsigned, e.g. 3869213010.188123546.
double receiveSeconds(byte[] reply) {
  throw new UnsupportedOperationException("Lab 0, question 6: return the receive timestamp of reply in seconds");
}

// 7. A stratum 0 reply is a kiss-o'-death: its reference ID holds a 4-letter ASCII code such as
//    RATE or DENY. Return it (without NUL padding), or null if the stratum is not 0 or the
//    reference ID is not ASCII.
String kissCode(byte[] reply) {
  throw new UnsupportedOperationException("Lab 0, question 7: return the kiss code of reply, or null");
}
