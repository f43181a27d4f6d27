package io.github.smtpclient.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
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

    private JsseContext() throws GeneralSecurityException {
        context = SSLContext.getInstance(PROTOCOL);
        context.init(new KeyManager[] {new ObservingKeyManager()},
                new TrustManager[] {new ValidatingTrustManager(handshakes::get)}, null);
    }

    /** A new context; every JDK has a TLS SSLContext, so failing to make one is a broken JDK, not a TLS failure. */
    static JsseContext create() {
        try {
            return new JsseContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no usable " + PROTOCOL + " SSLContext: " + e.getMessage(), e);
        }
    }

    SSLContext sslContext() {
        return context;
    }

    void register(Socket socket, JsseHandshake handshake) {
        handshakes.put(socket, handshake);
    }

    void unregister(Socket socket) {
        handshakes.remove(socket);
    }

    /**
     * Records whether the server asked for a client certificate, which is when JSSE asks the key manager for one.
     * It presents none: client certificates are not configured yet.
     */
    private final class ObservingKeyManager extends X509ExtendedKeyManager {

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            JsseHandshake handshake = handshakes.get(socket);
            if (handshake != null) {
                handshake.clientAuthRequested().set(true);
            }
            return null;
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
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
