package org.ntplab.nts.ke;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a certificate is for the host that was asked (RFC 6125, RFC 9525): a name against its DNS
 * subject alternative names, a wildcard standing for the leftmost label only; an address against
 * its IP ones. The common name is not read: browsers and chrony stopped reading it.
 */
final class ServerIdentity {

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private ServerIdentity() {}

  /** Why {@code certificate} is not for {@code host}, or empty when it is. */
  static Optional<String> mismatch(X509Certificate certificate, String host) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      for (List<?> name : names == null ? List.<List<?>>of() : names) {
        int kind = (Integer) name.get(0);
        if (kind == SAN_DNS) {
          dns.add(String.valueOf(name.get(1)));
        } else if (kind == SAN_IP) {
          ips.add(String.valueOf(name.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      return Optional.of("its subject alternative names are unreadable: " + e.getMessage());
    }
    if (dns.isEmpty() && ips.isEmpty()) {
      return Optional.of("it names no host (no DNS or IP subject alternative name), not " + host);
    }
    Optional<InetAddress> address = ipLiteral(host);
    boolean matches =
        address.isPresent()
            ? ips.stream().anyMatch(ip -> ipLiteral(ip).equals(address))
            : dns.stream().anyMatch(pattern -> dnsMatches(pattern, host));
    if (matches) {
      return Optional.empty();
    }
    List<String> all = new ArrayList<>(dns);
    all.addAll(ips);
    return Optional.of("it is for " + String.join(", ", all) + ", not " + host);
  }

  /** {@code host} as an address when it is an IPv4 or IPv6 literal; never a DNS lookup. */
  private static Optional<InetAddress> ipLiteral(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !bare.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean dnsMatches(String pattern, String host) {
    String p = normal(pattern);
    String h = normal(host);
    if (!p.startsWith("*.")) {
      return p.equals(h);
    }
    int dot = h.indexOf('.');
    // "*.example.com" is one label and more: not example.com itself, not a.b.example.com.
    return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
