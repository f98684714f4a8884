package org.ntplab.nts.ke;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * An NTS-KE client (RFC 8915 §4): TLS 1.3 to the server's NTS-KE port, the request, the records up
 * to End of Message, and their {@link KeResult}. Nothing is thrown for what a server or network
 * does: a failure is a {@link KeResult.Failed} with its reason.
 */
public final class KeClient {

  /** The NTS-KE port IANA assigned. */
  public static final int DEFAULT_PORT = 4460;

  /**
   * How an exchange is made.
   *
   * @param timeout for the whole exchange: connection, handshake, request and response
   * @param aeads offered in this order of preference
   * @param ticker monotonic nanoseconds, what the timeout and the handshake's time are measured on
   */
  public record Options(Duration timeout, List<Aead> aeads, KeTrust trust, LongSupplier ticker) {
    public Options {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the NTS-KE timeout must be positive: " + timeout);
      }
      aeads = List.copyOf(aeads);
      KeRequest.records(aeads); // refuses an empty offer now, not at the first exchange
    }

    /** 5 s, AEADs 15 then 17, the JDK's trusted CAs, {@link System#nanoTime}. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(5), KeRequest.DEFAULT_AEADS, KeTrust.system(), System::nanoTime);
    }

    public Options withTrust(KeTrust trust) {
      return new Options(timeout, aeads, trust, ticker);
    }

    public Options withTimeout(Duration timeout) {
      return new Options(timeout, aeads, trust, ticker);
    }

    public Options withAeads(List<Aead> aeads) {
      return new Options(timeout, aeads, trust, ticker);
    }
  }

  private final Options options;

  public KeClient(Options options) {
    this.options = options;
  }

  /** One exchange with the NTS-KE server at {@code host}:{@code port}. */
  public KeResult exchange(String host, int port) {
    Budget budget = new Budget(options.ticker(), options.timeout());
    try (Socket socket = new Socket()) {
      KeResult.Failed notConnected = connect(socket, host, port, budget);
      if (notConnected != null) {
        return notConnected;
      }
      NtsKeTls tls = new NtsKeTls(host, options.trust(), options.aeads());
      TlsClientProtocol protocol =
          new TlsClientProtocol(budget.input(socket), socket.getOutputStream());
      try {
        protocol.connect(tls);
      } catch (IOException e) {
        return tls.refusal()
            .orElseGet(
                () -> new KeResult.Failed(KeResult.Stage.HANDSHAKE, handshakeFailure(e, budget)));
      }
      Duration handshake = budget.elapsed();
      List<KeRecord> records;
      try {
        OutputStream out = protocol.getOutputStream();
        out.write(KeRequest.encode(options.aeads()));
        out.flush();
        InputStream in = protocol.getInputStream();
        records = KeCodec.read(in, KeCodec.MAX_MESSAGE);
      } catch (MalformedKeException e) {
        return new KeResult.Failed(KeResult.Stage.RESPONSE, e.getMessage());
      } catch (IOException e) {
        return new KeResult.Failed(KeResult.Stage.RESPONSE, ioFailure(e, budget));
      } finally {
        closeQuietly(protocol);
      }
      return KeResponse.interpret(records, tls.exported(), host, handshake);
    } catch (IOException e) {
      return new KeResult.Failed(KeResult.Stage.CONNECT, ioFailure(e, budget));
    }
  }

  private static KeResult.Failed connect(Socket socket, String host, int port, Budget budget) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    String where = host + " port " + port;
    if (address.isUnresolved()) {
      return new KeResult.Failed(KeResult.Stage.CONNECT, "cannot resolve " + host);
    }
    try {
      socket.connect(address, budget.remainingMillis());
      socket.setTcpNoDelay(true);
      return null;
    } catch (SocketTimeoutException e) {
      return new KeResult.Failed(
          KeResult.Stage.CONNECT,
          "no TCP connection to " + where + " within " + budget.limit().toMillis() + " ms");
    } catch (UnknownHostException e) {
      return new KeResult.Failed(KeResult.Stage.CONNECT, "cannot resolve " + host);
    } catch (IOException e) {
      return new KeResult.Failed(
          KeResult.Stage.CONNECT, "cannot connect to " + where + ": " + e.getMessage());
    }
  }

  private static String handshakeFailure(IOException e, Budget budget) {
    if (e instanceof TlsFatalAlertReceived received) {
      short alert = received.getAlertDescription();
      return "the server ended the handshake with TLS alert "
          + AlertDescription.getText(alert)
          + (alert == AlertDescription.no_application_protocol
              ? ": it does not speak NTS-KE (ALPN ntske/1) on this port"
              : "");
    }
    if (e instanceof TlsFatalAlert alert) {
      return "the handshake failed: "
          + AlertDescription.getText(alert.getAlertDescription())
          + (alert.getCause() == null ? "" : " (" + firstLine(alert.getCause()) + ")");
    }
    return ioFailure(e, budget);
  }

  private static String ioFailure(IOException e, Budget budget) {
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + budget.limit().toMillis() + " ms";
    }
    return firstLine(e);
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static void closeQuietly(TlsClientProtocol protocol) {
    try {
      protocol.close();
    } catch (IOException e) {
      // The records are in: a close that fails changes nothing of the result.
    }
  }
}
