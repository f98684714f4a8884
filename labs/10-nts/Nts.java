package org.ntplab.labs.nts;

import org.ntplab.lab.AesSivCmac;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsLab;
import org.ntplab.lab.NtsReply;

/** Lab 10: NTS for the client. Read README.md beside this file, then replace the throws. */
public class Nts implements NtsLab {

  @Override
  public KeOutcome keResponse(byte[] message) {
    throw new UnsupportedOperationException("Lab 10: implement keResponse(message): walk the records"
        + " (C bit, 15-bit type, 16-bit length, body) to End of Message; Error, Agreed or Malformed");
  }

  @Override
  public byte[] requestFields(byte[] uniqueIdentifier, byte[] cookie, int placeholders) {
    throw new UnsupportedOperationException("Lab 10: implement requestFields(uid, cookie, n): the"
        + " Unique Identifier, Cookie and n Cookie Placeholder fields, each padded to a word");
  }

  @Override
  public byte[] authenticator(byte[] packet, byte[] c2s, byte[] nonce, AesSivCmac aead) {
    throw new UnsupportedOperationException("Lab 10: implement authenticator(packet, c2s, nonce, aead):"
        + " aead.seal(c2s, nonce, packet, no plaintext) in the field 0x0404 with both lengths and padding");
  }

  @Override
  public NtsReply checkReply(byte[] reply, byte[] uniqueIdentifier, byte[] s2c, AesSivCmac aead) {
    throw new UnsupportedOperationException("Lab 10: implement checkReply(reply, uid, s2c, aead): NAK,"
        + " authenticator (associated data = bytes before it), aead.open with s2c, the UID; the cookies");
  }
}
