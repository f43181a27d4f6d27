package io.github.smtpclient.net;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * Negotiate (SPNEGO over HTTP, RFC 4559) with Kerberos: the first CONNECT goes without credentials; the proxy's
 * bare {@code Negotiate} challenge is answered with the first SPNEGO token; a {@code Negotiate <token>} continuation
 * in a further 407 is answered on the same connection; a token in the final 2xx (the proxy's mutual-authentication
 * answer) is verified, and the tunnel is refused when it does not verify. A bare {@code Negotiate} after a token
 * means the proxy refused it.
 */
final class NegotiateScheme implements ProxyAuthScheme {

    private static final String NAME = "Negotiate";

    private final KerberosSettings kerberos;
    private final String password;
    private final String proxyHost;
    private SpnegoContext context;

    NegotiateScheme(KerberosSettings kerberos, String password, String proxyHost) {
        this.kerberos = kerberos;
        this.password = password;
        this.proxyHost = proxyHost;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Nothing: a proxy that lets the client through unauthenticated costs no round trip to the KDC. */
    @Override
    public String initial() {
        return null;
    }

    @Override
    public String respond(List<AuthChallenge> challenges) throws SmtpException {
        AuthChallenge negotiate = challenges.stream().filter(c -> c.is(NAME)).findFirst().orElse(null);
        if (negotiate == null) {
            return null;
        }
        byte[] token;
        if (context == null) {
            context = kerberos.contexts().open(kerberos, password, proxyHost);
            token = context.step(new byte[0]);
        } else if (negotiate.token68() == null || context.isEstablished()) {
            context.dispose(); // the proxy refused the token, or asks again for a context already complete
            return null;
        } else {
            token = context.step(decode(negotiate.token68(), "challenge"));
        }
        if (token == null || token.length == 0) {
            context.dispose();
            return null;
        }
        return NAME + " " + Base64.getEncoder().encodeToString(token);
    }

    @Override
    public void accepted(ProxyResponse response) throws SmtpException {
        if (context == null) {
            return;
        }
        try {
            String token = Stream.concat(response.headers("Proxy-Authenticate").stream(),
                            response.headers("WWW-Authenticate").stream())
                    .flatMap(value -> AuthChallenge.parse(List.of(value)).stream())
                    .filter(c -> c.is(NAME) && c.token68() != null).map(AuthChallenge::token68)
                    .findFirst().orElse(null);
            if (token != null && !context.isEstablished()) {
                verify(token);
            }
        } finally {
            context.dispose();
        }
    }

    private void verify(String token) throws SmtpException {
        String problem;
        try {
            context.step(decode(token, "mutual-authentication token"));
            if (context.isEstablished()) {
                return;
            }
            problem = "it left the Kerberos context incomplete";
        } catch (SmtpException e) {
            problem = e.getMessage();
        }
        throw new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, "the proxy opened the tunnel, but its Negotiate"
                + " mutual-authentication token does not verify, so it may not be the proxy it claims to be (the"
                + " service principal is proxy().kerberos().servicePrincipal, by default HTTP@<proxy host>): "
                + problem);
    }

    @Override
    public boolean bindsToConnection() {
        return context != null;
    }

    private static byte[] decode(String token68, String what) throws SmtpException {
        try {
            return Base64.getDecoder().decode(token68);
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, "the proxy's Negotiate " + what
                    + " is not base64: " + e.getMessage(), e);
        }
    }
}
