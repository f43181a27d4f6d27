package io.github.smtpclient.auth;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides which mechanisms to try, and in what order, from the settings and the mechanisms the server advertises.
 *
 * <p>With {@link AuthSettings#getMechanisms()} set, that order is kept and filtered to what the server offers.
 * Otherwise the default order is: OAUTHBEARER and XOAUTH2 when an OAuth token is available, then SCRAM-SHA-256,
 * SCRAM-SHA-1, CRAM-MD5, PLAIN and LOGIN (these are left out when only a token is configured), again filtered to
 * what the server offers. When the server advertises no {@code AUTH} at all and {@link AuthSettings#isForceLogin()}
 * is set, nothing is filtered out. Names the server advertises that smtp-client does not implement are ignored.
 */
public final class MechanismSelector {

    private MechanismSelector() {
    }

    /**
     * Returns the mechanisms to try, most preferred first. Call it only when about to authenticate.
     *
     * @param settings       the authentication settings
     * @param advertised     the mechanism names from the server's EHLO {@code AUTH} line, in any case; empty when the
     *                       server does not advertise {@code AUTH}
     * @param tokenAvailable whether an OAuth 2 token is available (from the settings or from a listener)
     * @return the candidates, never empty
     * @throws SmtpException {@code AUTH_NOT_SUPPORTED} when no mechanism is acceptable to both sides; the message
     *         says what the server offers and what to change
     */
    public static List<AuthMechanism> select(AuthSettings settings, Collection<String> advertised, boolean tokenAvailable)
            throws SmtpException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(advertised, "advertised");
        boolean explicit = !settings.getMechanisms().isEmpty();
        List<AuthMechanism> preferred = explicit ? settings.getMechanisms() : defaultOrder(settings, tokenAvailable);
        if (advertised.isEmpty()) {
            if (settings.isForceLogin()) {
                return preferred;
            }
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "The server does not advertise AUTH, so it"
                    + " cannot be authenticated to. If it offers AUTH only after STARTTLS, use TLS mode EXPLICIT; to"
                    + " try anyway, call auth().setForceLogin(true)");
        }
        Set<AuthMechanism> offered = advertised.stream().map(AuthMechanism::fromSaslName).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AuthMechanism.class)));
        List<AuthMechanism> candidates = preferred.stream().filter(offered::contains).toList();
        if (candidates.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "No authentication mechanism is acceptable to"
                    + " both sides: the server offers " + printable(advertised) + ", and smtp-client would use "
                    + preferred + (explicit ? " (auth.mechanisms)" : " (the default for these credentials)")
                    + ". Configure one the server offers with auth().setMechanisms(...), or set the credential it needs");
        }
        return candidates;
    }

    private static List<AuthMechanism> defaultOrder(AuthSettings settings, boolean tokenAvailable) {
        boolean passwordMechanisms = settings.hasPassword() || !tokenAvailable;
        Stream<AuthMechanism> tokenFirst = Arrays.stream(AuthMechanism.values())
                .filter(m -> m.usesToken() && tokenAvailable);
        Stream<AuthMechanism> thenPassword = Arrays.stream(AuthMechanism.values())
                .filter(m -> !m.usesToken() && passwordMechanisms);
        return Stream.concat(tokenFirst, thenPassword).toList();
    }

    private static String printable(Collection<String> names) {
        return names.stream().map(name -> name.replaceAll("[^\\x21-\\x7E]", "?"))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
