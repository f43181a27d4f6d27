package io.github.smtpclient.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.smtpclient.ChannelBinding;

/**
 * The server side of SCRAM (RFC 5802, RFC 7677) with channel binding, written apart from the client (PBKDF2 from the
 * JCA, its own parsing) so that the two cannot share a mistake. It checks the client's GS2 header against what the
 * server offered, the c= attribute against the binding of its own end of the channel, and the proof against the
 * password.
 */
public final class ScramServer {

    private static final String SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    private static final byte[] SALT = "salt-for-tests".getBytes(StandardCharsets.US_ASCII);
    private static final int ITERATIONS = 4096;

    private final String hash;
    private final String password;
    private final boolean offersPlus;
    private final Supplier<ChannelBinding> binding;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;

    /**
     * @param hash       "SHA-256" or "SHA-1"
     * @param offersPlus whether the server advertised the -PLUS variant (for the y flag's downgrade check)
     * @param binding    the binding of the server's end of the channel, or {@code null} without TLS
     */
    public ScramServer(String hash, String password, boolean offersPlus, ChannelBinding binding) {
        this(hash, password, offersPlus, () -> binding);
    }

    /**
     * @param binding the binding of the server's end of the channel, asked for when the client-final message arrives
     *                (a tls-exporter binding is known only once the server's handshake has completed)
     */
    public static ScramServer bindingLater(String hash, String password, boolean offersPlus,
            Supplier<ChannelBinding> binding) {
        return new ScramServer(hash, password, offersPlus, binding);
    }

    private ScramServer(String hash, String password, boolean offersPlus, Supplier<ChannelBinding> binding) {
        this.hash = hash;
        this.password = password;
        this.offersPlus = offersPlus;
        this.binding = binding;
    }

    /** The GS2 header the client sent, such as {@code p=tls-exporter,,}. */
    public String gs2Header() {
        return gs2Header;
    }

    /** Answers {@code AUTH <mechanism> <client-first>} with the 334 carrying server-first, or a 535. */
    public String answerClientFirst(String authCommand) {
        String clientFirst = decode(authCommand.substring(authCommand.lastIndexOf(' ') + 1));
        int bare = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1) + 1;
        gs2Header = clientFirst.substring(0, bare);
        clientFirstBare = clientFirst.substring(bare);
        if (gs2Header.startsWith("y") && offersPlus) {
            return "535 5.7.8 the client could bind but did not, though the server offers -PLUS: a downgrade\r\n";
        }
        String clientNonce = clientFirstBare.substring(clientFirstBare.indexOf("r=") + 2);
        serverFirst = "r=" + clientNonce + SERVER_NONCE + ",s=" + Base64.getEncoder().encodeToString(SALT)
                + ",i=" + ITERATIONS;
        return "334 " + encode(serverFirst) + "\r\n";
    }

    /** Answers the client-final message with the 334 carrying the server signature, or a 535. */
    public String answerClientFinal(String line) {
        String clientFinal = decode(line);
        int proofAt = clientFinal.lastIndexOf(",p=");
        String withoutProof = clientFinal.substring(0, proofAt);
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        byte[] cbindInput = gs2Header.getBytes(StandardCharsets.US_ASCII);
        if (gs2Header.startsWith("p=")) {
            ChannelBinding binding = this.binding.get();
            if (binding == null || !gs2Header.equals("p=" + binding.type() + ",,")) {
                return "535 5.7.8 unsupported channel binding type " + gs2Header + "\r\n";
            }
            cbindInput = concat(cbindInput, binding.data());
        }
        if (!withoutProof.startsWith("c=" + Base64.getEncoder().encodeToString(cbindInput) + ",")) {
            return "535 5.7.8 channel bindings don't match\r\n";
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            String hmac = "Hmac" + hash.replace("-", "");
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2With" + hmac);
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), SALT, ITERATIONS,
                    MessageDigest.getInstance(hash).getDigestLength() * 8)).getEncoded();
            byte[] clientKey = hmac(hmac, salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
            byte[] signature = hmac(hmac, storedKey, authMessage);
            byte[] recovered = proof.clone();
            for (int i = 0; i < recovered.length; i++) {
                recovered[i] ^= signature[i];
            }
            if (!Arrays.equals(MessageDigest.getInstance(hash).digest(recovered), storedKey)) {
                return "535 5.7.8 invalid proof\r\n";
            }
            byte[] serverSignature = hmac(hmac, hmac(hmac, salted, "Server Key"), authMessage);
            return "334 " + encode("v=" + Base64.getEncoder().encodeToString(serverSignature)) + "\r\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
