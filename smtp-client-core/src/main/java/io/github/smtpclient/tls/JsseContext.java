package io.github.smtpclient.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * An SSLContext of the JSSE engine, shared by the handshakes to one destination so that its client session cache
 * can resume their sessions. Its trust and key managers serve every handshake on it: each handshake registers its
 * socket with its {@link HandshakeVerdict}, and the managers find it by the socket JSSE hands them.
 */
final class JsseContext {

    private static final String PROTOCOL = "TLS";

    private final SSLContext context;
    private final Map<Socket, JsseHandshake> handshakes = new ConcurrentHashMap<>();
    private final Map<String, ClientCertificate> certificates = new ConcurrentHashMap<>();

    private JsseContext(SecureRandom random) throws GeneralSecurityException {
        context = SSLContext.getInstance(PROTOCOL);
        context.init(new KeyManager[] {new ClientKeyManager()},
                new TrustManager[] {new ValidatingTrustManager(handshakes::get)}, random);
    }

    /**
     * A new context; every JDK has a TLS SSLContext, so failing to make one is a broken JDK, not a TLS failure.
     *
     * @param random the randomness of its handshakes, or {@code null} for the JDK's default
     */
    static JsseContext create(SecureRandom random) {
        try {
            return new JsseContext(random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no usable " + PROTOCOL + " SSLContext: " + e.getMessage(), e);
        }
    }

    SSLContext sslContext() {
        return context;
    }

    void register(Socket socket, JsseHandshake handshake) {
        handshakes.put(socket, handshake);
        if (handshake.clientCertificate() != null) {
            certificates.put(alias(handshake.clientCertificate()), handshake.clientCertificate());
        }
    }

    void unregister(Socket socket) {
        handshakes.remove(socket);
    }

    /** The key manager's name for a certificate: unique per instance, so every handshake finds its own. */
    private static String alias(ClientCertificate certificate) {
        return "client-" + certificate.id();
    }

    /**
     * Records whether the server asked for a client certificate, which is when JSSE asks the key manager for one,
     * and presents the handshake's {@link ClientCertificate} when its key type is among those the server accepts.
     * The CA names the server lists are not consulted: the server decides whether it trusts the certificate (the
     * JDK's own key manager would send nothing for a certificate of a CA the server did not list).
     */
    private final class ClientKeyManager extends X509ExtendedKeyManager {

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            JsseHandshake handshake = handshakes.get(socket);
            if (handshake == null) {
                return null;
            }
            handshake.clientAuthRequested().set(true);
            ClientCertificate own = handshake.clientCertificate();
            return own != null && List.of(keyType).contains(own.privateKey().getAlgorithm()) ? alias(own) : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            ClientCertificate own = alias == null ? null : certificates.get(alias);
            return own == null ? null : own.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            ClientCertificate own = alias == null ? null : certificates.get(alias);
            return own == null ? null : own.privateKey();
        }
    }
}
