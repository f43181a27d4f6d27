package io.github.smtpclient.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Digest (RFC 7616), here for CONNECT requests: answers the strongest Digest challenge the proxy sends (SHA-512-256,
 * then SHA-256, then MD5, each also as "-sess"), with qop=auth when offered (auth-int hashes the empty body of
 * CONNECT; with no qop the RFC 2069 form is used), userhash when asked, and {@code username*} for a non-ASCII user
 * name. A challenge marked {@code stale=true} is answered once more with its new nonce; any other second 407
 * means the credentials were refused.
 */
final class DigestScheme implements ProxyAuthScheme {

    /** Algorithms in order of preference, strongest first, as named in the challenge (upper case). */
    private static final List<String> ALGORITHMS = List.of("SHA-512-256", "SHA-512-256-SESS", "SHA-256",
            "SHA-256-SESS", "MD5", "MD5-SESS");

    private final String user;
    private final String password;
    private final String method;
    private final String uri;
    private final SecureRandom random;
    private int answered;

    /**
     * @param method the request method, {@code CONNECT}
     * @param uri    the request target: for CONNECT the authority, {@code host:port}
     */
    DigestScheme(String user, String password, String method, String uri, SecureRandom random) {
        this.user = user;
        this.password = password;
        this.method = method;
        this.uri = uri;
        this.random = random;
    }

    @Override
    public String name() {
        return "Digest";
    }

    @Override
    public String initial() {
        return null; // a Digest answer needs the proxy's nonce
    }

    @Override
    public String respond(List<AuthChallenge> challenges) {
        Optional<AuthChallenge> best = challenges.stream().filter(c -> c.is("Digest") && c.parameter("nonce") != null)
                .filter(c -> ALGORITHMS.contains(algorithm(c)))
                .min(Comparator.comparingInt(c -> ALGORITHMS.indexOf(algorithm(c))));
        if (best.isEmpty()) {
            return null;
        }
        AuthChallenge challenge = best.get();
        boolean stale = "true".equalsIgnoreCase(challenge.parameter("stale"));
        if (answered > 1 || (answered == 1 && !stale)) {
            return null;
        }
        answered++;
        return answer(challenge, hex(randomBytes()));
    }

    /** The header value for {@code challenge} with a given client nonce (tests fix it; see RFC 7616 section 3.9). */
    String answer(AuthChallenge challenge, String cnonce) {
        String algorithm = algorithm(challenge);
        String hashName = algorithm.replace("-SESS", "").equals("SHA-512-256") ? "SHA-512/256"
                : algorithm.replace("-SESS", "");
        String realm = challenge.parameter("realm") == null ? "" : challenge.parameter("realm");
        String nonce = challenge.parameter("nonce");
        String qop = qop(challenge.parameter("qop"));
        boolean userhash = "true".equalsIgnoreCase(challenge.parameter("userhash"));
        String nc = "00000001";
        String ha1 = hash(hashName, user + ":" + realm + ":" + password);
        if (algorithm.endsWith("-SESS")) {
            ha1 = hash(hashName, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(hashName, "auth-int".equals(qop) ? method + ":" + uri + ":" + hash(hashName, "")
                : method + ":" + uri);
        String response = qop == null ? hash(hashName, ha1 + ":" + nonce + ":" + ha2)
                : hash(hashName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        StringBuilder header = new StringBuilder("Digest ");
        if (userhash) {
            header.append("username=").append(quoted(hash(hashName, user + ":" + realm)));
        } else if (user.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            header.append("username=").append(quoted(user));
        } else {
            header.append("username*=UTF-8''").append(percentEncoded(user));
        }
        header.append(", realm=").append(quoted(realm))
                .append(", nonce=").append(quoted(nonce))
                .append(", uri=").append(quoted(uri));
        if (challenge.parameter("algorithm") != null) {
            header.append(", algorithm=").append(challenge.parameter("algorithm"));
        }
        header.append(", response=").append(quoted(response));
        if (challenge.parameter("opaque") != null) {
            header.append(", opaque=").append(quoted(challenge.parameter("opaque")));
        }
        if (qop != null) {
            header.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=").append(quoted(cnonce));
        }
        if (userhash) {
            header.append(", userhash=true");
        }
        return header.toString();
    }

    private static String algorithm(AuthChallenge challenge) {
        String algorithm = challenge.parameter("algorithm");
        return algorithm == null ? "MD5" : algorithm.toUpperCase(Locale.ROOT);
    }

    /** "auth" when offered, else "auth-int", else {@code null} (no qop: RFC 2069). */
    private static String qop(String offered) {
        if (offered == null) {
            return null;
        }
        List<String> options = Arrays.stream(offered.split(",")).map(String::strip)
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
        return options.contains("auth") ? "auth" : options.contains("auth-int") ? "auth-int" : null;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hash(String algorithm, String text) {
        try {
            return hex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no " + algorithm + ", which Java SE requires", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
