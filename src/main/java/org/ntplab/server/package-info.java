/**
 * The lab NTP server: answers client requests from an injected {@link java.time.Clock}, rate-limits
 * per client, drops what it must not answer (mode 6/7, malformed, replies) and misbehaves on
 * purpose when asked ({@link org.ntplab.server.Faults}). {@link org.ntplab.server.Responder} is the
 * reply logic without sockets; {@link org.ntplab.server.NtpServer} puts it on UDP, with an RFC 868
 * TIME service beside it.
 */
package org.ntplab.server;
