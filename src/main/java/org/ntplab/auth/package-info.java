/**
 * NTP's classic symmetric-key MACs (RFC 5905 §7.3, RFC 8573): keys, the keys files that hold them
 * ({@link org.ntplab.auth.KeysFile}), and the check of a reply's MAC ({@link
 * org.ntplab.auth.MacCheck}).
 */
package org.ntplab.auth;
