package org.ntplab.nts.ke;

/**
 * A record of a type RFC 8915 does not define, marked critical: the one malformation a server
 * answers with Error 0 (Unrecognized Critical Record) rather than 1 (Bad Request).
 */
public final class UnrecognizedCriticalRecordException extends MalformedKeException {

  public UnrecognizedCriticalRecordException(int offset, String where, String problem) {
    super(offset, where, problem);
  }
}
