package org.ntplab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.wire.NtpCodec;

/**
 * The live captures of chronyd and NTPsec signing their replies (fixtures/capture-peers.sh): each
 * reply's MAC verifies with the key its description names, and a changed byte breaks it.
 */
class SignedFixturesTest {

  private static final Pattern KEY =
      Pattern.compile("signed with key (\\d+), (MD5|SHA1), hex ([0-9a-f]+)");

  static List<Fixture> signedLiveFixtures() throws Exception {
    return FixtureStore.load(Path.of("fixtures")).stream()
        .map(FixtureStore.FixtureFile::fixture)
        .filter(f -> KEY.matcher(f.description()).find())
        .toList();
  }

  @Test
  void chronydsAndNtpsecsSignedRepliesVerifyWithTheKeyTheyNameAndNotWhenAltered() throws Exception {
    List<Fixture> signed = signedLiveFixtures();
    assertTrue(
        signed.stream().anyMatch(f -> f.id().startsWith("chrony-md5")), "no chronyd MD5 capture");
    assertTrue(
        signed.stream().anyMatch(f -> f.id().startsWith("chrony-sha1")), "no chronyd SHA1 capture");
    assertTrue(
        signed.stream().anyMatch(f -> f.id().startsWith("ntpsec-md5")), "no NTPsec MD5 capture");
    assertTrue(
        signed.stream().anyMatch(f -> f.id().startsWith("ntpsec-sha1")), "no NTPsec SHA1 capture");
    for (Fixture f : signed) {
      Matcher m = KEY.matcher(f.description());
      assertTrue(m.find());
      SymmetricKey key = SymmetricKey.parse(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
      byte[] reply = f.replyBytes().orElseThrow();
      assertEquals(
          MacCheck.VERIFIED, MacCheck.of(key, reply, NtpCodec.decodePacket(reply)), f.id());
      byte[] request = f.requestBytes().orElseThrow();
      assertTrue(
          key.verifies(
              request,
              request.length - key.algorithm().digestLength() - 4,
              NtpCodec.decodePacket(request).mac().orElseThrow()),
          f.id() + ": our request's MAC");
      reply[40] ^= 1; // the transmit timestamp
      assertEquals(
          MacCheck.BAD_DIGEST, MacCheck.of(key, reply, NtpCodec.decodePacket(reply)), f.id());
    }
  }
}
