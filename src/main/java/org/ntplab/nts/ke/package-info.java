/**
 * NTS Key Establishment (RFC 8915 §4): its records and their codec, the client's request, and the
 * TLS 1.3 exchange that yields the AEAD, the C2S and S2C keys and the first cookies.
 */
package org.ntplab.nts.ke;
