/**
 * The mitigation algorithms of RFC 5905 that make NTP more than SNTP, pure: samples in, decisions
 * out, no sockets and no clock (every time is an argument). Per peer, the {@link
 * org.ntplab.mitigation.ClockFilter} (§10); over the peers, {@link
 * org.ntplab.mitigation.RootDistance}, the {@link org.ntplab.mitigation.Selection} (§11.2.1), the
 * {@link org.ntplab.mitigation.Cluster} (§11.2.2) and {@link org.ntplab.mitigation.Combine}
 * (§11.2.3), the three in one call with ntpq's tally codes in {@link
 * org.ntplab.mitigation.Mitigation}; then the {@link org.ntplab.mitigation.Discipline} (§11.3).
 * Appendix A's skeleton is the behavioural reference; each class says where it departs from it, and
 * {@link org.ntplab.mitigation.Constants} where the skeleton's parameters differ from the prose's.
 */
package org.ntplab.mitigation;
