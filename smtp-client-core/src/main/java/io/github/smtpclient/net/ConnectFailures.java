package io.github.smtpclient.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Collects why each address of a host could not be connected to, and explains it as one {@link SmtpException}.
 * Used by one thread (the one running the {@link ConnectRace}).
 */
final class ConnectFailures {

    private final String target;
    private final Duration connectTimeout;
    private final List<String> reasons = new ArrayList<>();
    private final Set<String> advice = new LinkedHashSet<>();
    private IOException first;
    private boolean allTimedOut = true;

    ConnectFailures(String host, int port, Duration connectTimeout) {
        this.target = host + ":" + port;
        this.connectTimeout = connectTimeout;
    }

    void add(InetAddress address, IOException failure) {
        if (first == null) {
            first = failure;
        } else {
            first.addSuppressed(failure);
        }
        allTimedOut &= failure instanceof SocketTimeoutException;
        reasons.add(address.getHostAddress() + ": " + explain(failure));
    }

    /** An address the race never reached because the connect timeout ran out first. */
    void notTried(InetAddress address) {
        reasons.add(address.getHostAddress() + ": not tried before the connect timeout ran out");
    }

    SmtpException toException() {
        String tried = reasons.size() == 1 ? "" : " (tried " + reasons.size() + " addresses)";
        return new SmtpException(allTimedOut ? SmtpErrorCode.TIMEOUT : SmtpErrorCode.CONNECT_FAILED,
                "cannot connect to " + target + tried + ": " + String.join("; ", reasons) + ". "
                        + String.join(" ", advice), first);
    }

    static SmtpException unknownHost(String host, IOException failure) {
        String reason = failure.getMessage();
        boolean says = reason != null && !reason.isBlank() && !reason.equals(host);
        return new SmtpException(SmtpErrorCode.CONNECT_FAILED, "cannot resolve the host name '" + host + "'"
                + (says ? " (" + reason + ")" : "") + ": check its spelling, and that this machine can reach its"
                + " DNS server (socket().dns() chooses the resolver)", failure);
    }

    private String explain(IOException failure) {
        if (failure instanceof SocketTimeoutException) {
            advice.add("A firewall may be dropping the packets, or the host is down; socket().connectTimeout sets "
                    + "how long to wait for all addresses together.");
            return "no answer within " + connectTimeout.toMillis() + " ms";
        }
        if (failure instanceof BindException) {
            advice.add("Check socket().localAddress and socket().localPort: the address must belong to this machine "
                    + "and be of the same IP family as the server's, and the port must be free.");
            return "cannot bind the local address (" + failure.getMessage() + ")";
        }
        if (failure instanceof NoRouteToHostException) {
            advice.add("Check the address and this machine's network and firewall.");
            return "no route to host";
        }
        if (failure instanceof ConnectException) {
            advice.add("Is the server running and the port right?");
            return "connection refused";
        }
        advice.add("See the cause for details.");
        return failure.getMessage();
    }
}
