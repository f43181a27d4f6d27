package io.github.smtpclient.auth;

import java.nio.charset.StandardCharsets;

import io.github.smtpclient.SmtpException;

/**
 * EXTERNAL (RFC 4422 appendix A): the server authenticates the client by the certificate it presented in the TLS
 * handshake; the exchange carries only the authorization identity, empty to act as the certificate's own identity.
 */
final class ExternalMechanism extends ClientFirstMechanism {

    private final String authorizationIdentity;

    /** @param authorizationIdentity the identity to act as, or {@code null} for the certificate's own */
    ExternalMechanism(String authorizationIdentity) {
        this.authorizationIdentity = authorizationIdentity;
    }

    @Override
    public AuthMechanism mechanism() {
        return AuthMechanism.EXTERNAL;
    }

    @Override
    byte[] firstMessage() {
        return authorizationIdentity == null ? new byte[0] : authorizationIdentity.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] answer(byte[] challenge) throws SmtpException {
        throw SaslErrors.tooManyChallenges(AuthMechanism.EXTERNAL);
    }
}
