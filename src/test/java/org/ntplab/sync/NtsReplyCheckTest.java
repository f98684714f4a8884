package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.sync.NtsReplyCheck.Authenticated;
import org.ntplab.sync.NtsReplyCheck.NotOurs;
import org.ntplab.sync.NtsReplyCheck.Unauthenticated;
import org.ntplab.wire.NtpCodec;

/**
 * The downgrade rule on ntpd-rs's captured pair (its request's transmit is {@link
 * ReplyCheckTest#SENT}): only the authenticated reply is accepted.
 */
class NtsReplyCheckTest {

  private final Fixture pair = read(Path.of("fixtures/replies/literal-ntpd-rs-nts-1-2.json"));
  private final UniqueIdentifier uid =
      NtsServer.uniqueIdentifier(NtpCodec.decodePacket(pair.requestBytes().orElseThrow()))
          .orElseThrow();
  private final NtsReplyCheck check =
      new NtsReplyCheck(
          ReplyCheck.forClient(ReplyCheckTest.SERVER, ReplyCheckTest.SENT), uid, pair.nts().keys());

  private static Fixture read(Path file) {
    try {
      return FixtureJson.read(file);
    } catch (FixtureException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theServersSealedReplyIsAuthenticatedAndCarriesItsCookie() {
    Authenticated ok =
        assertInstanceOf(
            Authenticated.class,
            check.check(ReplyCheckTest.SERVER, pair.replyBytes().orElseThrow()));
    assertEquals(1, ok.check().cookies().size());
  }

  @Test
  void aPlainReplyToAnNtsRequestIsNeverAccepted() {
    Unauthenticated plain =
        assertInstanceOf(
            Unauthenticated.class, check.check(ReplyCheckTest.SERVER, ReplyCheckTest.reply()));
    assertEquals(Reason.NO_AUTHENTICATOR, plain.why().reason());
  }

  @Test
  void aForgedReplyIsNeverAccepted() {
    byte[] forged = pair.replyBytes().orElseThrow();
    forged[40] ^= 1; // the transmit time, inside the associated data
    Unauthenticated refused =
        assertInstanceOf(Unauthenticated.class, check.check(ReplyCheckTest.SERVER, forged));
    assertEquals(Reason.AUTHENTICATION_FAILED, refused.why().reason());
  }

  @Test
  void aDatagramFromElsewhereIsNotOursBeforeAnyKeyIsTried() {
    NotOurs stray =
        assertInstanceOf(
            NotOurs.class,
            check.check(new InetSocketAddress("127.0.0.2", 123), pair.replyBytes().orElseThrow()));
    assertEquals(ReplyCheck.Reason.WRONG_SOURCE, stray.rejected().reason());
  }
}
