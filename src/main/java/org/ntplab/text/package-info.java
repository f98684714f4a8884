/**
 * Quantities written for people: durations to three significant digits. Imports nothing else of
 * ntplab's.
 */
package org.ntplab.text;
