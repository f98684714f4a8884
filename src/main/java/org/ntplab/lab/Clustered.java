package org.ntplab.lab;

import java.util.List;

/**
 * Lab 13: what the cluster algorithm leaves (RFC 5905 §11.2.2), servers by their index in the input
 * list.
 *
 * @param survivors the survivors ranked by merit, the first the system peer
 * @param discarded the outliers in the order discarded, one per round
 * @param selectionJitter PSI_s, the largest selection jitter of the last round, in seconds
 */
public record Clustered(List<Integer> survivors, List<Integer> discarded, double selectionJitter) {}
