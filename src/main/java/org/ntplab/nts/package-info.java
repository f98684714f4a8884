/**
 * Network Time Security on the NTP port (RFC 8915 §5): the NTS extension fields as values, AES-SIV
 * ({@link org.ntplab.nts.AesSiv}, Tink's), the authenticator's sealing ({@link
 * org.ntplab.nts.Sealing}), the client's request and reply check ({@link org.ntplab.nts.NtsClient})
 * and the server's pure part ({@link org.ntplab.nts.NtsServer}). Bytes, keys and values in, results
 * out: no sockets, no TLS (that is NTS-KE's).
 */
package org.ntplab.nts;
