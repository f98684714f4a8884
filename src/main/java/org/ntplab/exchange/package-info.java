/**
 * A client's exchange with a server written for people: both packets, T1..T4, offset, delay,
 * problems, timing.
 */
package org.ntplab.exchange;
