package io.github.smtpclient.auth;

import io.github.smtpclient.ChannelBinding;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), with channel binding as their {@code -PLUS} variants. The
 * GS2 header says what the client does about binding: {@code p=<type>} when it binds (a {@code -PLUS} mechanism),
 * {@code y} when it could bind but runs the unbound mechanism because the server did not offer {@code -PLUS} (a server
 * that did offer it then knows the offer was stripped and refuses), and {@code n} when the connection has no binding.
 * The client checks
 * that the server's nonce extends its own, refuses absurd iteration counts, and requires the server's signature
 * before it accepts success, so a server that does not know the password cannot pass for the real one.
 * User name and password arrive already prepared with {@link SaslPrep}.
 */
final class ScramMechanism extends ClientFirstMechanism {

    /** Far above any real server (4096 is usual) but low enough that a hostile server cannot stall us for long. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthMechanism mechanism;
    private final String hmacAlgorithm;
    private final String digestAlgorithm;
    private final String username;
    private final String password;
    private final String clientNonce;
    private final String gs2Header;
    /** The c= attribute: the GS2 header and, when binding, the binding data, base64-encoded. */
    private final String channelBindingAttribute;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean serverVerified;

    /** Without channel binding, as over a connection that has none. */
    ScramMechanism(AuthMechanism mechanism, String username, String password, String clientNonce) {
        this(mechanism, username, password, clientNonce, null);
    }

    /**
     * @param clientNonce    printable ASCII without commas; use {@link #randomNonce()} outside tests
     * @param channelBinding the connection's channel binding, or {@code null} when it has none; required by the
     *                       {@code -PLUS} mechanisms
     */
    ScramMechanism(AuthMechanism mechanism, String username, String password, String clientNonce,
            ChannelBinding channelBinding) {
        this.mechanism = mechanism;
        switch (mechanism) {
            case SCRAM_SHA_1, SCRAM_SHA_1_PLUS -> { hmacAlgorithm = "HmacSHA1"; digestAlgorithm = "SHA-1"; }
            case SCRAM_SHA_256, SCRAM_SHA_256_PLUS -> { hmacAlgorithm = "HmacSHA256"; digestAlgorithm = "SHA-256"; }
            default -> throw new IllegalArgumentException(mechanism + " is not a SCRAM mechanism");
        }
        if (mechanism.usesChannelBinding() && channelBinding == null) {
            throw new IllegalArgumentException(mechanism + " needs the connection's channel binding");
        }
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
        this.gs2Header = mechanism.usesChannelBinding() ? "p=" + channelBinding.type() + ",,"
                : channelBinding != null ? "y,," : "n,,";
        byte[] header = gs2Header.getBytes(StandardCharsets.US_ASCII);
        byte[] input = mechanism.usesChannelBinding() ? concat(header, channelBinding.data()) : header;
        this.channelBindingAttribute = Base64.getEncoder().encodeToString(input);
    }

    /** 24 random bytes from {@link SecureRandom}, base64-encoded: 32 printable characters without a comma. */
    static String randomNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public AuthMechanism mechanism() {
        return mechanism;
    }

    @Override
    byte[] firstMessage() {
        clientFirstBare = "n=" + SaslName.escape(username) + ",r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    byte[] answer(byte[] challenge) throws SmtpException {
        if (expectedServerSignature == null) {
            return clientFinal(decode(challenge));
        }
        if (!serverVerified) {
            verifyServerFinal(decode(challenge));
            return new byte[0];
        }
        throw SaslErrors.tooManyChallenges(mechanism);
    }

    @Override
    public void verifyComplete() throws SmtpException {
        if (!serverVerified) {
            throw SaslErrors.authFailed(mechanism, "the server reported success without proving that it knows the"
                    + " password (no valid server signature), so it may be an impostor; do not trust this connection");
        }
    }

    private byte[] clientFinal(String serverFirst) throws SmtpException {
        String[] attributes = serverFirst.split(",", -1);
        rejectErrorOrMandatoryExtension(attributes[0]);
        if (attributes.length < 3) {
            throw SaslErrors.malformedChallenge(mechanism, "expected r=, s= and i= attributes");
        }
        String serverNonce = attribute(attributes[0], 'r');
        byte[] salt = base64(attribute(attributes[1], 's'), "salt");
        int iterations = iterations(attribute(attributes[2], 'i'));
        checkNonce(serverNonce);

        String clientFinalWithoutProof = "c=" + channelBindingAttribute + ",r=" + serverNonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof)
                .getBytes(StandardCharsets.UTF_8);
        byte[] saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] clientSignature = hmac(digest(clientKey), authMessage);
        byte[] proof = clientKey.clone();
        xorInto(proof, clientSignature);
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = hmac(serverKey, authMessage);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        String clientFinal = clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        return clientFinal.getBytes(StandardCharsets.UTF_8);
    }

    private void verifyServerFinal(String serverFinal) throws SmtpException {
        String first = serverFinal.split(",", -1)[0];
        rejectErrorOrMandatoryExtension(first);
        byte[] signature = base64(attribute(first, 'v'), "server signature");
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw SaslErrors.authFailed(mechanism, "the server's signature is wrong: it does not know the password,"
                    + " so it may be an impostor; do not trust this connection");
        }
        serverVerified = true;
    }

    private void rejectErrorOrMandatoryExtension(String attribute) throws SmtpException {
        if (attribute.startsWith("e=")) {
            throw SaslErrors.authFailed(mechanism, "the server reported the error '" + printable(attribute.substring(2))
                    + "'; check auth().setUsername(...) and auth().setPassword(...)");
        }
        if (attribute.startsWith("m=")) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "The server requires a " + mechanism
                    + " extension (m=) that smtp-client does not implement; configure another mechanism with"
                    + " auth().setMechanisms(...)");
        }
    }

    private String attribute(String text, char name) throws SmtpException {
        if (text.length() < 2 || text.charAt(0) != name || text.charAt(1) != '=') {
            throw SaslErrors.malformedChallenge(mechanism,
                    "expected the " + name + "= attribute, got '" + printable(text) + "'");
        }
        return text.substring(2);
    }

    private void checkNonce(String serverNonce) throws SmtpException {
        if (!serverNonce.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw SaslErrors.malformedChallenge(mechanism, "the nonce contains characters other than printable ASCII");
        }
        if (!serverNonce.startsWith(clientNonce) || serverNonce.length() == clientNonce.length()) {
            throw SaslErrors.authFailed(mechanism, "the server's nonce does not extend the client's, so the challenge"
                    + " was not made for this exchange (a replay or a broken server); authentication was abandoned");
        }
    }

    private int iterations(String value) throws SmtpException {
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) < 1 || Long.parseLong(value) > MAX_ITERATIONS) {
            throw SaslErrors.malformedChallenge(mechanism, "the iteration count '" + printable(value)
                    + "' is not a number between 1 and " + MAX_ITERATIONS);
        }
        return Integer.parseInt(value);
    }

    private byte[] base64(String value, String what) throws SmtpException {
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            if (decoded.length == 0) {
                throw SaslErrors.malformedChallenge(mechanism, "the " + what + " is empty");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw SaslErrors.malformedChallenge(mechanism, "the " + what + " is not valid base64");
        }
    }

    private String decode(byte[] challenge) throws SmtpException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(challenge)).toString();
        } catch (CharacterCodingException e) {
            throw SaslErrors.malformedChallenge(mechanism, "it is not valid UTF-8");
        }
    }

    /** Hi() of RFC 5802 section 2.2, which is PBKDF2 with one output block. */
    private byte[] hi(byte[] key, byte[] salt, int iterations) {
        Mac mac = mac(key);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            xorInto(result, u);
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacAlgorithm + " is required of every Java SE runtime but is missing", e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " is required of every Java SE runtime but is missing", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= other[i];
        }
    }

    /** Server text for an error message: printable ASCII only, and short. */
    private static String printable(String text) {
        String cleaned = text.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }
}
