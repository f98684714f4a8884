/**
 * Text written for people: durations to three significant digits, instants in ISO-8601, and text
 * from untrusted code made safe to show ({@link org.ntplab.text.Printable}). Imports nothing else
 * of ntplab's.
 */
package org.ntplab.text;
