package io.github.smtpclient.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import io.github.smtpclient.SmtpException;

/**
 * The HTTP CONNECT handshake (RFC 9110 section 9.3.6) with proxy authentication: Basic (RFC 7617), Digest
 * (RFC 7616), NTLM or Negotiate (RFC 4559, Kerberos), chosen as {@link ProxySettings#getAuthentication()} says. A
 * 407 is answered on the same connection when the proxy keeps it open, else on a new one; NTLM and Negotiate need
 * the same connection throughout. At most {@value #MAX_REQUESTS} CONNECTs are sent.
 */
final class HttpConnectTunnel {

    private static final int MAX_REQUESTS = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProxySettings proxy;
    private final String host;
    private final int port;
    private final String proxyName;
    private final String authority;

    private HttpConnectTunnel(ProxySettings proxy, String host, int port, String proxyName) {
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        this.proxyName = proxyName;
        this.authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The tunnel as opened: the connection it runs on, the scheme the proxy accepted, and the proxy's answer. */
    record Opened(ProxyLink link, String authentication, ProxyResponse response) {
    }

    /**
     * Opens the tunnel on {@code link}, or on a connection from {@code dialer} when the proxy closes it between
     * requests. On failure every connection it opened is closed, {@code link} included.
     */
    static Opened establish(ProxyLink link, ProxyLink.Dialer dialer, ProxySettings proxy, String host, int port,
            String proxyName) throws IOException {
        return new HttpConnectTunnel(proxy, host, port, proxyName).run(link, dialer);
    }

    private Opened run(ProxyLink first, ProxyLink.Dialer dialer) throws IOException {
        ProxyLink link = first;
        try {
            boolean credentials = proxy.getUsername() != null || proxy.kerberos().isConfigured();
            ProxyAuthScheme scheme = credentials ? chosenScheme() : null;
            String authorization = scheme == null ? null : scheme.initial();
            for (int request = 1; ; request++) {
                send(link, authorization);
                HttpResponses.Received received = HttpResponses.read(link.transport().getInputStream(), proxyName);
                ProxyResponse response = received.response();
                if (response.status() / 100 == 2) {
                    if (scheme != null) {
                        scheme.accepted(response);
                    }
                    return new Opened(link, authorization == null ? null : scheme.name(), response);
                }
                // tinyproxy answers wrong Basic credentials with 401 (not 407, which it keeps for missing ones).
                boolean credentialsRefused = response.status() == 401 && authorization != null;
                if (response.status() != 407 && !credentialsRefused) {
                    throw ProxyTunnel.refused("the " + proxyName + " refused to open a tunnel to " + host + ":" + port
                            + ": " + HttpResponses.describe(response));
                }
                if (!credentials) {
                    throw ProxyTunnel.authFailed("the " + proxyName + " requires authentication; set"
                            + " proxy().username and proxy().password, or proxy().kerberos() for Negotiate ("
                            + HttpResponses.describe(response) + ")");
                }
                if (credentialsRefused) {
                    throw ProxyTunnel.authFailed("the " + proxyName + " rejected the user name or password: it"
                            + " answered 401 (as tinyproxy does for wrong credentials); check proxy().username and"
                            + " proxy().password (" + HttpResponses.describe(response) + ")");
                }
                List<AuthChallenge> challenges = AuthChallenge.parse(response.headers("Proxy-Authenticate"));
                if (scheme == null) {
                    scheme = strongestOffered(challenges, response);
                }
                authorization = scheme.respond(challenges);
                if (authorization == null || request == MAX_REQUESTS) {
                    throw rejected(scheme, challenges, response, authorization != null);
                }
                if (!received.reusable()) {
                    if (scheme.bindsToConnection()) {
                        throw ProxyTunnel.authFailed("the " + proxyName + " closed the connection in the middle of "
                                + scheme.name() + " authentication, which needs one connection throughout ("
                                + HttpResponses.describe(response) + ")");
                    }
                    link.closeQuietly(new IOException("the proxy closes this connection"));
                    link = dialer.open();
                }
            }
        } catch (IOException | RuntimeException e) {
            link.closeQuietly(e); // closing again a link already closed is harmless
            throw e;
        }
    }

    private ProxyAuthScheme chosenScheme() {
        return switch (proxy.getAuthentication()) {
            case AUTO -> null; // chosen from the first 407's challenges
            case BASIC -> new BasicScheme(proxy.getUsername(), password());
            case DIGEST -> new DigestScheme(proxy.getUsername(), password(), "CONNECT", authority, RANDOM);
            case NTLM -> new NtlmScheme(proxy.getUsername(), password(), RANDOM, Clock.systemUTC());
            case NEGOTIATE -> negotiate();
        };
    }

    private NegotiateScheme negotiate() {
        return new NegotiateScheme(proxy.kerberos(), proxy.getPassword(), proxy.getHost());
    }

    /**
     * Negotiate (Kerberos: mutual authentication, no password on the wire, no replayable answer) when Kerberos
     * credentials are set, then, with a user name, Digest before NTLM before Basic, as curl's "anyauth" chooses.
     * Without Kerberos credentials an offered Negotiate is passed over for the next scheme offered.
     */
    private ProxyAuthScheme strongestOffered(List<AuthChallenge> challenges, ProxyResponse response)
            throws SmtpException {
        if (proxy.kerberos().isConfigured() && challenges.stream().anyMatch(c -> c.is("Negotiate"))) {
            return negotiate();
        }
        if (proxy.getUsername() == null) {
            throw ProxyTunnel.authFailed("the " + proxyName + " asks for authentication by "
                    + AuthChallenge.schemes(challenges) + ", and only Kerberos credentials (proxy().kerberos(),"
                    + " for Negotiate) are set; set proxy().username and proxy().password for the others ("
                    + HttpResponses.describe(response) + ")");
        }
        if (challenges.stream().anyMatch(c -> c.is("Digest"))) {
            return new DigestScheme(proxy.getUsername(), password(), "CONNECT", authority, RANDOM);
        }
        if (challenges.stream().anyMatch(c -> c.is("NTLM"))) {
            return new NtlmScheme(proxy.getUsername(), password(), RANDOM, Clock.systemUTC());
        }
        if (challenges.stream().anyMatch(c -> c.is("Basic"))) {
            return new BasicScheme(proxy.getUsername(), password());
        }
        boolean negotiate = challenges.stream().anyMatch(c -> c.is("Negotiate"));
        throw ProxyTunnel.authFailed("the " + proxyName + " asks for authentication by "
                + (challenges.isEmpty() ? "no scheme it names" : AuthChallenge.schemes(challenges))
                + (negotiate ? "; set proxy().kerberos() (a principal with a keytab or proxy().password, or a"
                        + " Subject) to answer Negotiate (" : ", and this client speaks Basic, Digest, NTLM and"
                        + " Negotiate (") + HttpResponses.describe(response) + ")");
    }

    private SmtpException rejected(ProxyAuthScheme scheme, List<AuthChallenge> challenges, ProxyResponse response,
            boolean gaveUp) {
        boolean offered = challenges.stream().anyMatch(c -> c.is(scheme.name()));
        boolean kerberos = scheme instanceof NegotiateScheme;
        String what = gaveUp ? " kept asking for credentials after " + MAX_REQUESTS + " requests"
                : offered ? (kerberos ? " rejected the Kerberos ticket (Negotiate)"
                        : " rejected the user name or password (" + scheme.name() + ")")
                : " does not accept " + scheme.name() + " authentication (proxy().authentication); it offers "
                        + AuthChallenge.schemes(challenges);
        String check = kerberos ? "; check proxy().kerberos() (principal, keytab or subject, servicePrincipal)"
                : "; check proxy().username and proxy().password";
        return ProxyTunnel.authFailed("the " + proxyName + what + check + " (" + HttpResponses.describe(response)
                + ")");
    }

    private String password() {
        return proxy.getPassword() == null ? "" : proxy.getPassword();
    }

    private void send(ProxyLink link, String authorization) throws IOException {
        StringBuilder request = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (authorization != null) {
            request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        proxy.getRequestHeaders().forEach((name, value) -> request.append(name).append(": ").append(value)
                .append("\r\n"));
        OutputStream out = link.transport().getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
