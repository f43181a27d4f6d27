package io.github.smtpclient.net;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * NTLM over HTTP (MS-NTHT): NEGOTIATE, the proxy's CHALLENGE in its 407, then AUTHENTICATE with NTLMv2 responses,
 * all on one connection. A user name <code>DOMAIN&#92;user</code> names the domain; otherwise the domain is empty. No
 * workstation name is sent: finding this host's name could mean a DNS query, and NTLM does not need it.
 */
final class NtlmScheme implements ProxyAuthScheme {

    private enum State { NOTHING_SENT, NEGOTIATE_SENT, AUTHENTICATE_SENT }

    private final String user;
    private final String domain;
    private final String password;
    private final SecureRandom random;
    private final Clock clock;
    private State state = State.NOTHING_SENT;

    NtlmScheme(String username, String password, SecureRandom random, Clock clock) {
        int backslash = username.indexOf('\\');
        this.user = backslash < 0 ? username : username.substring(backslash + 1);
        this.domain = backslash < 0 ? "" : username.substring(0, backslash);
        this.password = password;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "NTLM";
    }

    @Override
    public String initial() {
        state = State.NEGOTIATE_SENT;
        return "NTLM " + Base64.getEncoder().encodeToString(NtlmMessages.negotiate());
    }

    @Override
    public String respond(List<AuthChallenge> challenges) throws SmtpException {
        AuthChallenge ntlm = challenges.stream().filter(c -> c.is("NTLM")).findFirst().orElse(null);
        if (ntlm == null) {
            return null;
        }
        if (ntlm.token68() == null) {
            // A bare "NTLM" asks for the NEGOTIATE message; after ours it means the proxy refused the AUTHENTICATE.
            return state == State.NOTHING_SENT ? initial() : null;
        }
        if (state != State.NEGOTIATE_SENT) {
            return null;
        }
        NtlmMessages.Challenge challenge;
        try {
            challenge = NtlmMessages.parseChallenge(Base64.getDecoder().decode(ntlm.token68()));
        } catch (IllegalArgumentException e) {
            throw new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, "the proxy's NTLM challenge is malformed: "
                    + e.getMessage(), e);
        }
        byte[] clientChallenge = new byte[8];
        random.nextBytes(clientChallenge);
        state = State.AUTHENTICATE_SENT;
        return "NTLM " + Base64.getEncoder().encodeToString(NtlmMessages.authenticate(challenge, user, domain,
                password, "", clientChallenge, clock.instant()));
    }

    @Override
    public boolean bindsToConnection() {
        return state != State.NOTHING_SENT;
    }
}
