package org.ntplab.labs.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.ClientResult;
import org.ntplab.lab.LabTransport;

/** Lab 6: an SNTP client. Read README.md beside this file, then replace the throw. */
public class Client implements ClientLab {

  @Override
  public ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout) throws IOException {
    throw new UnsupportedOperationException(
        "Lab 6: implement query(transport, clock, version, timeout): send a mode-3 request with T1, receive,"
            + " ignore what is not the reply, retry on silence (3 requests in all), return the answer");
  }
}
