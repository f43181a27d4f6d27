package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;

import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsDHEKeyExchange;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsECDHEKeyExchange;

/**
 * What the Bouncy Castle engine watched happen during one handshake that its security parameters do not keep: the
 * group of a TLS 1.2 (EC)DHE key exchange, the scheme the server signed with, whether it asked for a client
 * certificate, and the connection ID and tls-exporter channel binding exported at the end. Written by the handshake
 * thread only.
 */
final class BcObservations {

    private int tls12Group = -1;
    private int signatureScheme = -1;
    private boolean clientAuthRequested;
    private byte[] connectionId;
    private byte[] exporterBinding;

    /** A TLS 1.2 ECDHE key exchange that remembers the server's curve. */
    TlsECDHEKeyExchange ecdhe(int keyExchange) {
        return new TlsECDHEKeyExchange(keyExchange) {
            @Override
            public void processServerKeyExchange(InputStream input) throws IOException {
                super.processServerKeyExchange(input);
                tls12Group = ecConfig.getNamedGroup();
            }
        };
    }

    /** A TLS 1.2 DHE key exchange that remembers the server's group. */
    TlsDHEKeyExchange dhe(int keyExchange, TlsDHGroupVerifier verifier) {
        return new TlsDHEKeyExchange(keyExchange, verifier) {
            @Override
            public void processServerKeyExchange(InputStream input) throws IOException {
                super.processServerKeyExchange(input);
                tls12Group = dhConfig.getNamedGroup();
            }
        };
    }

    void signedWith(int scheme) {
        signatureScheme = scheme;
    }

    void signedWith(DigitallySigned signed) {
        if (signed.getAlgorithm() != null) {
            signatureScheme = SignatureScheme.from(signed.getAlgorithm());
        }
    }

    void clientAuthRequested() {
        clientAuthRequested = true;
    }

    void exporterBinding(byte[] exported) {
        exporterBinding = exported.clone();
    }

    /** The tls-exporter channel binding (RFC 9266) of a TLS 1.3 connection, or {@code null} on TLS 1.2. */
    byte[] exporterBinding() {
        return exporterBinding == null ? null : exporterBinding.clone();
    }

    void connectionId(byte[] exported) {
        connectionId = exported.clone();
    }

    /** The exported connection ID, or {@code null}. */
    byte[] connectionId() {
        return connectionId == null ? null : connectionId.clone();
    }

    int tls12Group() {
        return tls12Group;
    }

    int signatureScheme() {
        return signatureScheme;
    }

    boolean isClientAuthRequested() {
        return clientAuthRequested;
    }
}
