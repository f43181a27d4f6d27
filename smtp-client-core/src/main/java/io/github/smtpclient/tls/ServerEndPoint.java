package io.github.smtpclient.tls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

import io.github.smtpclient.ChannelBinding;

/**
 * The {@code tls-server-end-point} channel binding of RFC 5929 section 4.1: the server certificate hashed with the
 * hash of its own signature, SHA-256 where that is MD5 or SHA-1. A signature without a hash of its own (Ed25519,
 * Ed448) leaves the binding undefined, so there is none.
 */
final class ServerEndPoint {

    private ServerEndPoint() {
    }

    static Optional<ChannelBinding> of(X509Certificate certificate) {
        return hashOf(certificate).map(hash -> {
            try {
                byte[] digest = MessageDigest.getInstance(hash).digest(certificate.getEncoded());
                return ChannelBinding.of(ChannelBinding.TLS_SERVER_END_POINT, digest);
            } catch (GeneralSecurityException e) {
                return null; // a hash no provider implements cannot bind; the connection then has no binding
            }
        });
    }

    /** The JCA name of the hash to use, or empty when RFC 5929 defines none for the signature. */
    static Optional<String> hashOf(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.equals("RSASSA-PSS")) {
            return pssHash(certificate);
        }
        int with = algorithm.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String hash = algorithm.substring(0, with);
        return switch (hash) {
            case "MD2", "MD5", "SHA1", "SHA-1" -> Optional.of("SHA-256");
            case "SHA224", "SHA256", "SHA384", "SHA512" -> Optional.of("SHA-" + hash.substring(3));
            case "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512" -> Optional.of(hash);
            default -> Optional.empty();
        };
    }

    private static Optional<String> pssHash(X509Certificate certificate) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(certificate.getSigAlgParams());
            String hash = parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            return Optional.of(hash.equalsIgnoreCase("SHA-1") ? "SHA-256" : hash);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
