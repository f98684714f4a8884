package org.ntplab.labs.checks;

import java.util.Optional;
import java.util.Set;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.ReplyVerdict;

/** Lab 5: the client's two checks. Read README.md beside this file, then replace each throw. */
public class Checks implements ChecksLab {

  @Override
  public ReplyVerdict check(byte[] request, byte[] datagram) {
    throw new UnsupportedOperationException("Lab 5: implement check(request, datagram): is it the reply to our"
        + " request? MALFORMED, NOT_A_TIME_PACKET, WRONG_MODE, ORIGIN_MISMATCH, ZERO_TRANSMIT or ACCEPTED");
  }

  @Override
  public Optional<String> kissCode(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 5: implement kissCode(packet): the ASCII reference ID of a stratum-0 packet that is not a request");
  }

  @Override
  public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
    throw new UnsupportedOperationException(
        "Lab 5: implement problems(reply, t1, t4): every reason the reply's time is unfit, empty when fine");
  }
}
