/**
 * NTP on the wire: the message types, their fields and formats, the codec ({@link
 * org.ntplab.wire.NtpCodec}). The ground floor: it imports nothing else of ntplab's.
 */
package org.ntplab.wire;
