package org.ntplab.nts.ke;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ntplab.nts.Aead;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.NtsKeys;

/**
 * What an NTS-KE server answers to a request (RFC 8915 §4.1), without TLS: NTPv4, the AEAD it
 * chose, {@value #COOKIES} cookies and the NTP port when it is not 123 ({@link Agreed}); empty Next
 * Protocol or AEAD records when there is nothing in common ({@link Declined}); an Error record for
 * a request that breaks the rules ({@link Refused}).
 */
public sealed interface KeAnswer {

  /** Cookies a response carries: what chrony and NTPsec give, one request's worth each. */
  int COOKIES = 8;

  /** The AEADs this server chooses from: Tink has no AES-SIV-CMAC-384. */
  List<Aead> SUPPORTED = List.of(Aead.AES_SIV_CMAC_256, Aead.AES_SIV_CMAC_512);

  /** The response's records, End of Message last. */
  List<KeRecord> records();

  /** NTPv4 with {@code aead}, and cookies. */
  record Agreed(Aead aead, List<KeRecord> records) implements KeAnswer {}

  /** Nothing in common: the records say so with an empty list, {@code why} for the log. */
  record Declined(String why, List<KeRecord> records) implements KeAnswer {}

  /** An Error record: {@code why} for the log, never for the client. */
  record Refused(ErrorCode code, String why, List<KeRecord> records) implements KeAnswer {}

  /**
   * The answer to {@code request}.
   *
   * @param exported the keys the TLS session exported for each of {@link #SUPPORTED}
   * @param ntpPort where NTP is served, announced when it is not 123
   */
  static KeAnswer to(
      List<KeRecord> request, Map<Aead, NtsKeys> exported, CookieJar jar, int ntpPort) {
    for (KeRecord r : request) {
      if (r.body() instanceof KeBody.Error
          || r.body() instanceof KeBody.Warning
          || r.body() instanceof KeBody.NewCookie) {
        return refused(ErrorCode.BAD_REQUEST, "the client sent a " + r.name() + " record");
      }
    }
    List<KeBody.NextProtocol> next = KeResponse.bodies(request, KeBody.NextProtocol.class);
    if (next.size() != 1) {
      return refused(
          ErrorCode.BAD_REQUEST, next.size() + " Next Protocol records (exactly one is asked)");
    }
    if (!next.get(0).protocols().contains(KeBody.NTPV4)) {
      return new Declined(
          "the client offered protocols " + next.get(0).protocols() + ", not NTPv4 (0)",
          List.of(
              critical(new KeBody.NextProtocol(List.of())), critical(new KeBody.EndOfMessage())));
    }
    List<KeBody.AeadAlgorithm> aeads = KeResponse.bodies(request, KeBody.AeadAlgorithm.class);
    if (aeads.size() != 1) {
      return refused(
          ErrorCode.BAD_REQUEST,
          aeads.size() + " AEAD Algorithm records with NTPv4 offered (exactly one is asked)");
    }
    Optional<Aead> chosen =
        aeads.get(0).ids().stream()
            .flatMap(id -> Aead.find(id).stream())
            .filter(SUPPORTED::contains)
            .findFirst();
    KeRecord ntpv4 = critical(new KeBody.NextProtocol(List.of(KeBody.NTPV4)));
    if (chosen.isEmpty()) {
      return new Declined(
          "the client offered AEADs " + aeads.get(0).ids() + ", none of 15 and 17",
          List.of(
              ntpv4,
              critical(new KeBody.AeadAlgorithm(List.of())),
              critical(new KeBody.EndOfMessage())));
    }
    List<KeRecord> records = new ArrayList<>();
    records.add(ntpv4);
    records.add(critical(new KeBody.AeadAlgorithm(List.of(chosen.get().id()))));
    for (int i = 0; i < COOKIES; i++) {
      records.add(
          new KeRecord(false, new KeBody.NewCookie(jar.make(exported.get(chosen.get())).bytes())));
    }
    if (ntpPort != 123) {
      records.add(critical(new KeBody.Port(ntpPort)));
    }
    records.add(critical(new KeBody.EndOfMessage()));
    return new Agreed(chosen.get(), List.copyOf(records));
  }

  /** An Error record with {@code code}, then End of Message. */
  static Refused refused(ErrorCode code, String why) {
    return new Refused(
        code,
        why,
        List.of(critical(new KeBody.Error(code.code())), critical(new KeBody.EndOfMessage())));
  }

  private static KeRecord critical(KeBody body) {
    return new KeRecord(true, body);
  }
}
