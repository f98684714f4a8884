package org.ntplab.lab;

/**
 * The fields of a 48-byte time packet header, as on the wire: integers as their codes, 16.16 values
 * and the reference ID as raw unsigned 32-bit values (0..2^32-1), timestamps as raw 64 bits.
 */
public record HeaderFields(
    int leap,
    int version,
    int mode,
    int stratum,
    int poll,
    int precision,
    long rootDelay,
    long rootDispersion,
    long referenceId,
    long referenceTime,
    long originTime,
    long receiveTime,
    long transmitTime) {}
