package org.ntplab.lab;

/**
 * Lab 12: one tuple of the selection's sorted list (RFC 5905 §11.2.1): the server it belongs to
 * (its index in the input list), which end it is, and its edge in seconds.
 */
public record Endpoint(int server, EndpointType type, double edge) {}
