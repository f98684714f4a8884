package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;

/**
 * The JSON view's field names and values. Expected values were worked out by hand from the bytes
 * and checked against the {@code note} column of packets.tsv, which an independent decoder wrote
 * (it rounds delays to microseconds; here they are exact).
 */
class JsonViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final List<String> TIME_PACKET_FIELDS =
      List.of(
          "leap",
          "version",
          "mode",
          "stratum",
          "poll",
          "precision",
          "rootDelay",
          "rootDispersion",
          "referenceId",
          "referenceTime",
          "originTime",
          "receiveTime",
          "transmitTime",
          "kissCode",
          "extensionFields",
          "mac",
          "length");

  @Test
  void timePacketHasExactlyTheDesignFieldsInOrderWithTheirValues() throws Exception {
    // tcpdump ntp.pcap frame 4, note: "v4 mode4(server) stratum=2 poll=0 prec=-23
    // refid=10.5.27.10(ip/hash) rootdelay=0.155502s rootdisp=0.001572s MAC keyid=8 digest20(SHA1?)"
    ObjectNode json = json("tcpdump", "ntp.pcap", "4");

    assertEquals(TIME_PACKET_FIELDS, fieldNames(json));
    String expected =
        """
        {"leap":0,"version":4,"mode":4,"stratum":2,"poll":0,"precision":-23,
         "rootDelay":0.1555023193359375,"rootDispersion":0.0015716552734375,
         "referenceId":{"hex":"0a051b0a","text":"10.5.27.10"},
         "referenceTime":{"hex":"dcf25be5.b86d5655","instant":"2017-06-19T14:19:17.720418354Z"},
         "originTime":{"hex":"ae9d0aa8.1b8971a7","instant":"1992-10-31T13:37:44.107565978Z"},
         "receiveTime":{"hex":"dcf25be6.7e92d240","instant":"2017-06-19T14:19:18.494427815Z"},
         "transmitTime":{"hex":"dcf25be6.7e9a9fc9","instant":"2017-06-19T14:19:18.494546877Z"},
         "kissCode":null,"extensionFields":[],
         "mac":{"keyId":8,"digest":"629990a7fc22cc8467dd88b7af2d220dbe3287d6"},
         "length":72}
        """
            .replaceAll("\\s+", "");
    assertEquals(expected, MAPPER.writeValueAsString(json));
  }

  @Test
  void delaysAreExactDecimalNumbersNotRoundedOrScientific() throws Exception {
    // 0x0000_27cf is 10191/65536 s; 0x0010_0000 is 16 s, which stripTrailingZeros would make
    // 1.6E+1.
    assertEquals(
        "0.1555023193359375",
        MAPPER.writeValueAsString(JsonView.seconds(new NtpShort(0x27cf).seconds())));
    assertEquals(
        "16", MAPPER.writeValueAsString(JsonView.seconds(new NtpShort(0x0010_0000).seconds())));
    assertEquals(
        "0.0000152587890625",
        MAPPER.writeValueAsString(JsonView.seconds(new NtpShort(1).seconds())));
    assertTrue(json("tcpdump", "ntp.pcap", "4").get("rootDelay").isBigDecimal());
  }

  @Test
  void zeroTimestampHasHexButNullInstant() {
    // The KoD reply's reference time is all zero: "unknown" (RFC 5905 §6), not 1900-01-01.
    JsonNode reference = json("tcpdump", "ntp.pcap", "2").get("referenceTime");

    assertEquals("00000000.00000000", reference.get("hex").asText());
    assertTrue(reference.get("instant").isNull());
  }

  @Test
  void kissOfDeathReplyCarriesTheKissCodeAndACryptoNakMac() {
    // note: "stratum=0 ... refid='STEP' LI=3(unsync) kiss-code/KoD(STEP) ... crypto-NAK keyid=0"
    ObjectNode json = json("tcpdump", "ntp.pcap", "2");

    assertEquals(3, json.get("leap").asInt());
    assertEquals(0, json.get("stratum").asInt());
    assertEquals("STEP", json.get("kissCode").asText());
    assertEquals("53544550", json.get("referenceId").get("hex").asText());
    assertEquals(new BigDecimal("0.001373291015625"), json.get("rootDispersion").decimalValue());
    assertEquals(0, json.get("mac").get("keyId").asLong());
    assertEquals("", json.get("mac").get("digest").asText());
    assertEquals(52, json.get("length").asInt());
  }

  @Test
  void ntsExtensionFieldsListTypeLengthAndName() {
    // note: "EF(type=0x0104 NTS-UniqueId len=36); EF(type=0x0404 NTS-Authenticator len=248)"
    JsonNode fields = json("tcpdump", "ntp-time-ef.pcap", "2").get("extensionFields");

    assertEquals(2, fields.size());
    assertEquals(
        Map.of("type", 0x0104, "length", 36, "name", "NTS Unique Identifier"),
        MAPPER.convertValue(fields.get(0), Map.class));
    assertEquals(0x0404, fields.get(1).get("type").asInt());
    assertEquals(248, fields.get(1).get("length").asInt());
    assertEquals(
        "NTS Authenticator and Encrypted Extension Fields", fields.get(1).get("name").asText());
  }

  @Test
  void clientRequestHasNoReferenceTextAndNoMac() {
    // ntp-time.pcap frame 1: a plain 48-byte request with a zero reference ID.
    ObjectNode json = json("tcpdump", "ntp-time.pcap", "1");

    assertTrue(json.get("referenceId").get("text").isNull());
    assertTrue(json.get("mac").isNull());
    assertTrue(json.get("kissCode").isNull());
    assertEquals(3, json.get("mode").asInt());
  }

  @Test
  void controlMessageHasItsOwnHeaderFieldsAndNoTimePacketFields() {
    // note: "v2 mode6(control) response op=2(READVAR) E=0 M=0 seq=68 status=0x0618 assoc=0 offset=0
    // count=394"
    ObjectNode json = json("tcpdump", "ntp-control.pcap", "2");

    assertEquals(
        List.of(
            "leap",
            "version",
            "mode",
            "response",
            "error",
            "more",
            "opcode",
            "opcodeName",
            "sequence",
            "status",
            "statusText",
            "associationId",
            "offset",
            "count",
            "data",
            "text",
            "mac",
            "length"),
        fieldNames(json));
    assertEquals(2, json.get("version").asInt());
    assertEquals(6, json.get("mode").asInt());
    assertTrue(json.get("response").asBoolean());
    assertFalse(json.get("error").asBoolean());
    assertFalse(json.get("more").asBoolean());
    assertEquals(2, json.get("opcode").asInt());
    assertEquals("read variables", json.get("opcodeName").asText());
    assertEquals(68, json.get("sequence").asInt());
    assertEquals(0x0618, json.get("status").asInt());
    assertEquals("leap_none, sync_ntp, 1 event, no_sys_peer", json.get("statusText").asText());
    assertEquals(0, json.get("associationId").asInt());
    assertEquals(0, json.get("offset").asInt());
    assertEquals(394, json.get("count").asInt());
    assertEquals(394 * 2, json.get("data").asText().length());
    assertTrue(json.get("text").asText().startsWith("version=\"ntpd 4.2.8p10@1.3728-o"));
    assertTrue(json.get("mac").isNull());
    assertEquals(408, json.get("length").asInt());
    assertNoTimePacketFields(json);
  }

  @Test
  void privateMessageHasItsOwnHeaderFieldsItemsAndNoTimePacketFields() {
    // note: "v2 mode7(private) response M=0 auth=0 seq=0 impl=3 req=28(AUTHINFO) err=0 nitems=1
    // itemsize=36"
    ObjectNode json = json("tcpdump", "ntp-mode7.pcap", "2");

    assertEquals(
        List.of(
            "version",
            "mode",
            "response",
            "more",
            "authenticated",
            "sequence",
            "implementation",
            "requestCode",
            "requestName",
            "errorCode",
            "itemCount",
            "mustBeZero",
            "itemSize",
            "items",
            "trailer",
            "length"),
        fieldNames(json));
    assertEquals(7, json.get("mode").asInt());
    assertTrue(json.get("response").asBoolean());
    assertEquals(3, json.get("implementation").asInt());
    assertEquals(28, json.get("requestCode").asInt());
    assertEquals("AUTHINFO", json.get("requestName").asText());
    assertEquals(1, json.get("itemCount").asInt());
    assertEquals(36, json.get("itemSize").asInt());
    assertEquals(
        "0050606a0000000a0000000e0000000000002866000029d300001595000000000000650a",
        json.get("items").get(0).asText());
    assertEquals("", json.get("trailer").asText());
    assertEquals(44, json.get("length").asInt());
    assertNoTimePacketFields(json);
  }

  @Test
  void monlistRequestIsNamed() {
    ObjectNode json = json("zeek", "ntp2.pcap", "35");

    assertEquals(42, json.get("requestCode").asInt());
    assertEquals("MON_GETLIST_1", json.get("requestName").asText());
    assertEquals(0, json.get("items").size());
    assertEquals("00".repeat(40), json.get("trailer").asText());
  }

  @Test
  void inspectCanAddItsTimingFieldsToTheSameObject() throws Exception {
    ObjectNode json = json("tcpdump", "ntp.pcap", "4");
    json.set("t1", JsonView.timestamp(NtpTimestamp.parse("dcf25be6.7e8a2000")));
    json.set("offset", JsonView.seconds(Duration.ofNanos(-2_146)));
    json.set("delay", JsonView.seconds(Duration.ofNanos(80_109)));
    json.put("server", "192.168.100.1:123");

    String text = MAPPER.writeValueAsString(json);
    assertTrue(
        text.endsWith(
            ",\"length\":72,\"t1\":{\"hex\":\"dcf25be6.7e8a2000\",\"instant\":"
                + "\"2017-06-19T14:19:18.494295120Z\"},\"offset\":-0.000002146,\"delay\":0.000080109,"
                + "\"server\":\"192.168.100.1:123\"}"),
        text);
  }

  private static ObjectNode json(String folder, String file, String frame) {
    return JsonView.of(NtpCodec.decode(Captures.packet(folder, file, frame).bytes()));
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertNoTimePacketFields(JsonNode json) {
    for (String field :
        List.of(
            "stratum",
            "poll",
            "precision",
            "rootDelay",
            "rootDispersion",
            "referenceId",
            "referenceTime",
            "originTime",
            "receiveTime",
            "transmitTime",
            "kissCode",
            "extensionFields")) {
      assertFalse(json.has(field), "has time packet field " + field);
    }
  }
}
