package io.github.smtpclient.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.Hint;
import io.github.smtpclient.Reply;
import io.github.smtpclient.ServerInfo;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.auth.AuthSettings;
import io.github.smtpclient.auth.MechanismSelector;
import io.github.smtpclient.auth.SaslMechanism;
import io.github.smtpclient.auth.SaslMechanisms;
import io.github.smtpclient.event.BeforeAuthEvent;
import io.github.smtpclient.event.SmtpListener;

/**
 * The AUTH exchange (RFC 4954): picks the mechanism, refuses to expose credentials on an unencrypted
 * connection, runs the challenge loop with a bound, and masks every secret line it writes.
 */
final class Authenticator {

    /** No SASL mechanism we support needs more than three round trips; more means a server stuck in a loop. */
    static final int MAX_CHALLENGES = 10;

    private final Conversation conversation;
    private final SmtpListener listener;
    private final AuthSettings auth;
    private final String host;
    private final int port;

    Authenticator(Conversation conversation, SmtpListener listener, AuthSettings auth, String host, int port) {
        this.conversation = conversation;
        this.listener = listener;
        this.auth = auth;
        this.host = host;
        this.port = port;
    }

    /** Authenticates when a user name is configured or EXTERNAL is listed; does nothing otherwise. */
    void authenticate(ServerInfo server) throws SmtpException {
        if (!auth.isAuthenticating()) {
            return;
        }
        checkEncryption();
        Optional<ChannelBinding> channelBinding = conversation.channelBinding();
        List<AuthMechanism> candidates = MechanismSelector.select(auth, server.authMechanisms(), auth.hasOAuthToken(),
                channelBinding.isPresent(), conversation.clientCertificatePresented());
        BeforeAuthEvent event = new BeforeAuthEvent(candidates.stream().map(AuthMechanism::saslName).toList());
        listener.beforeAuth(event);
        List<AuthMechanism> order = new ArrayList<>(candidates);
        AuthMechanism chosen = AuthMechanism.fromSaslName(event.mechanism()).orElseThrow();
        order.remove(chosen);
        order.add(0, chosen);
        Reply failure = null;
        for (AuthMechanism mechanism : order) {
            String secret = mechanism.usesToken() && event.oauthToken() != null ? event.oauthToken()
                    : auth.secretFor(mechanism);
            SaslMechanism sasl = SaslMechanisms.create(mechanism, auth.getUsername(), secret, host, port,
                    channelBinding.orElse(null));
            Reply reply = exchange(sasl);
            if (reply.code() == 235) {
                verify(sasl);
                return;
            }
            failure = reply;
            if (!mechanismUnusable(reply)) {
                break;
            }
        }
        String who = auth.getUsername() != null ? "as '" + auth.getUsername() + "'" : "with the client certificate";
        throw new SmtpException(SmtpErrorCode.AUTH_FAILED, "Authentication " + who + " failed", failure).withHint(Hint.of("Check {} and {} (or the OAuth token).", Setting.AUTH_USERNAME.mention(),
                        Setting.AUTH_PASSWORD.mention()));
    }

    /**
     * 504 (mechanism not supported), 534 (too weak) and 538 (needs encryption) say nothing about the credentials,
     * so the next mechanism may still work; any other refusal would fail again and could lock the account.
     */
    private static boolean mechanismUnusable(Reply reply) {
        return reply.code() == 504 || reply.code() == 534 || reply.code() == 538;
    }

    private void checkEncryption() throws SmtpException {
        if (conversation.isSecure() || auth.permitsUnencrypted(conversation.isLoopback())) {
            return;
        }
        conversation.breakConnection();
        throw new SmtpException(SmtpErrorCode.AUTH_REQUIRES_ENCRYPTION, "Refusing to send credentials over an"
                + " unencrypted connection.").withHint(Hint.of("Use STARTTLS ({}) or implicit TLS ({}); only if the"
                        + " network is trusted, allow plaintext credentials with {}.", Setting.TLS_MODE.to("EXPLICIT"),
                        Setting.TLS_MODE.to("IMPLICIT"), Setting.AUTH_ALLOW_PLAINTEXT_CREDENTIALS.to("true")));
    }

    private Reply exchange(SaslMechanism sasl) throws SmtpException {
        String name = sasl.mechanism().saslName();
        byte[] initial = sasl.initialResponse();
        String command = "AUTH " + name;
        if (initial == null) {
            conversation.write(command);
        } else {
            conversation.writeSecret(command + " " + (initial.length == 0 ? "=" : base64(initial)), command);
        }
        conversation.flush();
        Reply reply = conversation.read();
        int challenges = 0;
        while (reply.code() == 334) {
            if (++challenges > MAX_CHALLENGES) {
                conversation.breakConnection();
                throw new SmtpException(SmtpErrorCode.AUTH_CHALLENGE_LIMIT, "The server sent more than "
                        + MAX_CHALLENGES + " AUTH challenges; the connection was closed", reply);
            }
            byte[] response = respond(sasl, reply);
            conversation.writeSecret(base64(response), "");
            conversation.flush();
            reply = conversation.read();
        }
        return reply;
    }

    /** A challenge the mechanism refuses leaves the server mid-exchange, so the connection cannot be reused. */
    private byte[] respond(SaslMechanism sasl, Reply challenge) throws SmtpException {
        try {
            return sasl.evaluateChallenge(decodeChallenge(challenge));
        } catch (SmtpException e) {
            conversation.breakConnection();
            throw e;
        }
    }

    /** A server that cannot prove it knows the credentials (SCRAM) may be an impostor: stop talking to it. */
    private void verify(SaslMechanism sasl) throws SmtpException {
        try {
            sasl.verifyComplete();
        } catch (SmtpException e) {
            conversation.breakConnection();
            throw e;
        }
    }

    private byte[] decodeChallenge(Reply reply) throws SmtpException {
        String text = reply.lines().get(0).trim();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            conversation.breakConnection();
            throw new SmtpException(SmtpErrorCode.PROTOCOL_VIOLATION,
                    "The server's AUTH challenge is not base64; the connection was closed", reply);
        }
    }

    private static String base64(byte[] bytes) {
        return new String(Base64.getEncoder().encode(bytes), StandardCharsets.US_ASCII);
    }
}
