package org.ntplab.labs.mac;

import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;

/** Lab 9: check a reply's MAC. Read README.md beside this file, then replace the throw. */
public class MacChecker implements MacLab {

  @Override
  public MacVerdict check(byte[] reply, MacKey key) {
    throw new UnsupportedOperationException("Lab 9: implement check(reply, key): find the MAC after the header and"
        + " extension fields; MISSING, CRYPTO_NAK, WRONG_KEY_ID, BAD_DIGEST or VERIFIED (H(secret || packet))");
  }
}
