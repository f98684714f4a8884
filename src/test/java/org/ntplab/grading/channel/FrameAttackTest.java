package org.ntplab.grading.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.channel.ChannelTest.frames;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.channel.ChannelTest.Writer;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.LabTransport;

/**
 * Frames a hostile student process sends to make the harness itself fail: each is refused as a
 * broken channel (which costs that student's exercise), and none makes the harness hold more than a
 * frame's bound. The floods are made as they are read, and a read past what any bound allows fails
 * the test, so a wall that gives costs this test tens of MB, not the gigabytes the frame announces.
 */
class FrameAttackTest {

  /** Past this, the harness is reading a flood it should have refused. */
  private static final long FLOOD_READ = 64L << 20;

  private static final int STRING = 5;
  private static final int BYTES = 6;
  private static final int DURATION = 8;
  private static final int LIST = 10;
  private static final int RECORD = 12;
  private static final int REMOTE = 13;
  private static final int SET = 15;

  /** The harness's call of {@code referenceId}, answered with {@code frames} then {@code flood}. */
  private static Object answer(byte[] frames, InputStream flood) throws Throwable {
    Channel harness =
        new Channel(
            new SequenceInputStream(new ByteArrayInputStream(frames), flood),
            OutputStream.nullOutputStream(),
            false);
    DecodeLab decoder = harness.remote(Channel.BOOTSTRAP, DecodeLab.class);
    try {
      return decoder.referenceId(new byte[48]);
    } catch (ChannelClosed e) {
      throw e.getCause();
    }
  }

  /**
   * The harness's call of a client's {@code query}, which lends it the harness's transport (export
   * 1): the "student" calls its {@code send} back with {@code frames} then {@code flood}.
   */
  private static Object callBack(byte[] arguments, InputStream flood) throws Throwable {
    byte[] call =
        frames(
            out -> {
              out.writeByte(Channel.CALL);
              out.writeInt(1);
              out.writeInt(1); // the transport lent with the harness's call
              Values.writeString(out, "send");
              out.writeByte(1);
              Values.writeString(out, "[B");
              out.write(arguments);
            });
    Channel harness =
        new Channel(
            new SequenceInputStream(new ByteArrayInputStream(call), flood),
            OutputStream.nullOutputStream(),
            false);
    ClientLab client = harness.remote(Channel.BOOTSTRAP, ClientLab.class);
    LabTransport transport =
        new LabTransport() {
          @Override
          public void send(byte[] datagram) {}

          @Override
          public Optional<byte[]> receive(Duration timeout) {
            return Optional.empty();
          }
        };
    try {
      return client.query(transport, Clock.systemUTC(), 4, Duration.ofSeconds(1));
    } catch (ChannelClosed e) {
      throw e.getCause();
    }
  }

  private static Object answer(byte[] frames) throws Throwable {
    return answer(frames, InputStream.nullInputStream());
  }

  /** {@code item} over and over, made as it is read; a read past {@link #FLOOD_READ} fails. */
  private static InputStream repeated(byte[] item) {
    return new InputStream() {
      private long read;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (read > FLOOD_READ) {
          throw new AssertionError("the harness read " + read + " bytes of one frame");
        }
        int at = (int) (read % item.length);
        int n = Math.min(len, item.length - at);
        System.arraycopy(item, at, b, off, n);
        read += n;
        return n;
      }
    };
  }

  /** A RESULT for the harness's first call, opening a value with {@code opening}. */
  private static byte[] result(Writer opening) throws IOException {
    return frames(
        out -> {
          out.writeByte(Channel.RESULT);
          out.writeInt(1);
          opening.write(out);
        });
  }

  @Test
  void aListOfTheLargestStringsIsRefusedBeforeItIsHeld() throws IOException {
    // 65 536 strings of 256 KB: each within its own bound, 16 GB together.
    byte[] string =
        frames(
            out -> {
              out.writeByte(STRING);
              out.writeInt(Values.MAX_STRING * 4);
              out.write(new byte[Values.MAX_STRING * 4]);
            });
    byte[] list = {LIST, 0, 1, 0, 0}; // MAX_LIST items
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> callBack(list, repeated(string)));
    assertTrue(e.getMessage().startsWith("a frame larger than "), e.getMessage());
  }

  @Test
  void aListOfTheLargestByteArraysIsRefusedBeforeItIsHeld() throws IOException {
    byte[] array =
        frames(
            out -> {
              out.writeByte(BYTES);
              out.writeInt(Values.MAX_BYTES);
              out.write(new byte[Values.MAX_BYTES]);
            });
    byte[] set = {SET, 0, 1, 0, 0}; // MAX_LIST items
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> callBack(set, repeated(array)));
    assertTrue(e.getMessage().startsWith("a frame larger than "), e.getMessage());
  }

  /**
   * An exercise holds every case's answer until it compares them, and the replies' exercises have
   * hundreds of cases: an answer is refused past what an honest one needs.
   */
  @Test
  void anAnswerLargerThanAnyHonestOneIsRefused() throws IOException {
    // A string within its own bound, as referenceId answers: over the answer's.
    byte[] big =
        result(
            out -> {
              out.writeByte(STRING);
              out.writeInt(Values.MAX_STRING * 3);
              out.write(new byte[Values.MAX_STRING * 3]);
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(big));
    assertTrue(e.getMessage().startsWith("an answer larger than 128 KB"), e.getMessage());
  }

  /** Many tiny values cost the reader an object each: they count against the bound too. */
  @Test
  void aListOfEmptySetsCostsWhatItsObjectsCost() throws IOException {
    byte[] emptySet = {SET, 0, 0, 0, 0};
    byte[] list =
        result(
            out -> {
              out.writeByte(LIST);
              out.writeInt(Values.MAX_LIST);
              for (int i = 0; i < Values.MAX_LIST; i++) {
                out.write(emptySet);
              }
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(list));
    assertTrue(e.getMessage().startsWith("an answer larger than "), e.getMessage());
  }

  @Test
  void aDeepFailureOfTheLargestNamesIsRefusedBeforeItIsHeld() throws IOException {
    // 64 frames, each of three 256 KB names: 48 MB of strings, and four causes more of the same.
    byte[] frame =
        frames(
            out -> {
              for (int i = 0; i < 3; i++) {
                out.writeInt(Values.MAX_STRING * 4);
                out.write(new byte[Values.MAX_STRING * 4]);
              }
              out.writeInt(1); // the line
            });
    byte[] thrown =
        frames(
            out -> {
              out.writeByte(Channel.THROWN);
              out.writeInt(1);
              Values.writeString(out, "java.lang.IllegalStateException");
              out.writeBoolean(false);
              out.writeByte(64);
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(thrown, repeated(frame)));
    assertTrue(e.getMessage().startsWith("a frame larger than "), e.getMessage());
  }

  /**
   * What was thrown is shown by its type and its top frame: names of 100 000 characters are cut to
   * a name's length, as its message is to a message's.
   */
  @Test
  void aFailuresNamesAreCutToANamesLength() throws IOException {
    String huge = "X".repeat(100_000);
    byte[] thrown =
        frames(
            out -> {
              out.writeByte(Channel.THROWN);
              out.writeInt(1);
              Values.writeString(out, huge);
              out.writeBoolean(false);
              out.writeByte(1);
              for (int i = 0; i < 3; i++) {
                Values.writeString(out, huge);
              }
              out.writeInt(7);
              out.writeBoolean(false);
            });
    RemoteFailure failure = assertThrows(RemoteFailure.class, () -> answer(thrown));
    int shown = RemoteFailure.MAX_NAME + 40;
    assertTrue(failure.toString().length() < shown, failure.toString().length() + " characters");
    StackTraceElement top = failure.getStackTrace()[0];
    assertTrue(top.toString().length() < 3 * shown, top.toString().length() + " characters");
  }

  /** A size is checked before anything of that size is made. */
  @Test
  void sizesPastTheirBoundsAreRefusedBeforeAnythingIsMade() {
    for (int[] tagAndSize : new int[][] {{BYTES, Integer.MAX_VALUE}, {LIST, 1_000_000_000}}) {
      Channel.Broken e =
          assertThrows(
              Channel.Broken.class,
              () ->
                  answer(
                      result(
                          out -> {
                            out.writeByte(tagAndSize[0]);
                            out.writeInt(tagAndSize[1]);
                          })));
      assertTrue(e.getMessage().contains(tagAndSize[1] + " "), e.getMessage());
    }
  }

  @Test
  void aDurationPastItsRangeIsABrokenChannel() throws IOException {
    byte[] duration =
        result(
            out -> {
              out.writeByte(DURATION);
              out.writeLong(Long.MAX_VALUE);
              out.writeInt(Integer.MAX_VALUE);
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(duration));
    assertTrue(e.getMessage().contains("a duration out of range"), e.getMessage());
  }

  /** A sealed interface cannot be made a proxy: the JDK's refusal is a broken channel here. */
  @Test
  void aReferenceAsASealedInterfaceIsABrokenChannel() throws IOException {
    byte[] remote =
        result(
            out -> {
              out.writeByte(REMOTE);
              Values.writeString(out, "org.ntplab.lab.KeOutcome");
              out.writeInt(1);
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(remote));
    assertTrue(e.getMessage().contains("not an interface to call through"), e.getMessage());
  }

  /**
   * A contract record's own equals may throw on values its constructor let in (an Agreed without a
   * server): put two in a set, and the set throws. That is the sender's broken frame too.
   */
  @Test
  void aSetWhoseItemsCannotBeComparedIsABrokenChannel() throws IOException {
    Writer agreed =
        out -> {
          out.writeByte(RECORD);
          Values.writeString(out, "org.ntplab.lab.KeOutcome$Agreed");
          out.writeByte(4);
          out.writeByte(2); // INT aead
          out.writeInt(15);
          out.writeByte(LIST); // no cookies
          out.writeInt(0);
          out.writeByte(0); // a null server
          out.writeByte(2); // INT port
          out.writeInt(4460);
        };
    byte[] set =
        result(
            out -> {
              out.writeByte(SET);
              out.writeInt(2);
              agreed.write(out);
              agreed.write(out);
            });
    Channel.Broken e = assertThrows(Channel.Broken.class, () -> answer(set));
    assertTrue(e.getMessage().contains("NullPointerException"), e.getMessage());
  }

  /** The frame bound leaves room for the largest honest frames, both ways. */
  @Test
  void anHonestAnswerWithinTheBoundsIsRead() throws Throwable {
    byte[] honest = new byte[Values.MAX_STRING];
    Arrays.fill(honest, (byte) 'x');
    byte[] string =
        result(
            out -> {
              out.writeByte(STRING);
              out.writeInt(honest.length);
              out.write(honest);
            });
    assertEquals("x".repeat(Values.MAX_STRING), answer(string));
  }
}
