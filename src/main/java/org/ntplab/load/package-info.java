/**
 * A load generator for NTP servers: many requests in flight over UDP, replies matched to requests
 * by the nonce in their origin timestamp, and what came back summed up as rates, loss and latency.
 */
package org.ntplab.load;
