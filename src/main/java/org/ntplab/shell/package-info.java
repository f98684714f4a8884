/**
 * JShell scripts run in an engine of their own under time limits, with failures that name the
 * script's line: how lab 0's answers are evaluated.
 */
package org.ntplab.shell;
