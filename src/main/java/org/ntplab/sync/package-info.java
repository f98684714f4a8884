/**
 * The client's judgement of a reply (RFC 5905 §8): is it our reply ({@link
 * org.ntplab.sync.ReplyCheck}), its offset and delay ({@link org.ntplab.sync.Sample}), is its time
 * fit ({@link org.ntplab.sync.Fitness}).
 */
package org.ntplab.sync;
