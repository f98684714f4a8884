/**
 * Method calls over a pair of byte streams between the harness and the student process: bounded
 * values, objects lent by reference, failures rebuilt without loading the other side's classes.
 */
package org.ntplab.grading.channel;
