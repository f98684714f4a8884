/**
 * Clients that ask a server the time: SNTP over a {@link org.ntplab.client.Transport} ({@link
 * org.ntplab.client.SntpClient}), RFC 868 TIME ({@link org.ntplab.client.TimeClient}), and the
 * clock step.
 */
package org.ntplab.client;
