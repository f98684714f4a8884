package org.ntplab.load;

/**
 * One second of a run, for a progress line: what was sent and answered in it, and the losses so
 * far.
 */
public record Tick(int second, long sent, long replies, long lostSoFar) {}
