/**
 * {@code ntplab sync} over several servers, in three parts kept apart: the {@link
 * org.ntplab.sources.Poller} asks the servers round after round (network and time, both injected)
 * and feeds each reply to that server's clock filter; {@link org.ntplab.sources.Sources} decides,
 * purely, with {@link org.ntplab.mitigation.Mitigation} and the clock discipline; {@link
 * org.ntplab.sources.SourcesTable} and {@link org.ntplab.sources.SourcesJson} show the decision.
 */
package org.ntplab.sources;
