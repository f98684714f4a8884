/**
 * Quantities written for people: durations to three significant digits, instants in ISO-8601.
 * Imports nothing else of ntplab's.
 */
package org.ntplab.text;
