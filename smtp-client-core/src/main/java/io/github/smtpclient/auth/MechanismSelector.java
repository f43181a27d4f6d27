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
 * Otherwise the default order is: OAUTHBEARER and XOAUTH2 when an OAuth token is available, then SCRAM-SHA-256-PLUS,
 * SCRAM-SHA-1-PLUS, SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN and LOGIN (these are left out when only a token is
 * configured), again filtered to what the server offers. When the server advertises no {@code AUTH} at all and
 * {@link AuthSettings#isForceLogin()} is set, nothing is filtered out. Names the server advertises that smtp-client
 * does not implement are ignored.
 *
 * <p>EXTERNAL is never in the default order: it is tried only when listed, and only over TLS in which the client
 * presented a certificate. The {@code -PLUS} mechanisms need a TLS channel binding and are left out without one. With one, a SCRAM
 * mechanism is never run without binding when the server offers its {@code -PLUS} variant: that would be the
 * downgrade channel binding exists to stop (RFC 5802 section 6), so it is refused rather than attempted.
 */
public final class MechanismSelector {

    private MechanismSelector() {
    }

    /**
     * Returns the mechanisms to try over a connection without channel binding, most preferred first.
     *
     * @param settings       the authentication settings
     * @param advertised     the mechanism names from the server's EHLO {@code AUTH} line
     * @param tokenAvailable whether an OAuth 2 token is available
     * @return the candidates, never empty
     * @throws SmtpException {@code AUTH_NOT_SUPPORTED} when no mechanism is acceptable to both sides
     * @see #select(AuthSettings, Collection, boolean, boolean, boolean)
     */
    public static List<AuthMechanism> select(AuthSettings settings, Collection<String> advertised, boolean tokenAvailable)
            throws SmtpException {
        return select(settings, advertised, tokenAvailable, false, false);
    }

    /**
     * Returns the mechanisms to try, most preferred first. Call it only when about to authenticate.
     *
     * @param settings                the authentication settings
     * @param advertised              the mechanism names from the server's EHLO {@code AUTH} line, in any case; empty
     *                                when the server does not advertise {@code AUTH}
     * @param tokenAvailable          whether an OAuth 2 token is available (from the settings or from a listener)
     * @param channelBindingAvailable whether the connection's TLS gives a channel binding for the {@code -PLUS}
     *                                mechanisms
     * @param clientCertificatePresented whether the client presented a certificate in the connection's TLS, which
     *                                EXTERNAL needs
     * @return the candidates, never empty
     * @throws SmtpException {@code AUTH_NOT_SUPPORTED} when no mechanism is acceptable to both sides, or when the only
     *         acceptable ones would give up the channel binding the server offers; the message says what the server
     *         offers and what to change
     */
    public static List<AuthMechanism> select(AuthSettings settings, Collection<String> advertised, boolean tokenAvailable,
            boolean channelBindingAvailable, boolean clientCertificatePresented) throws SmtpException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(advertised, "advertised");
        boolean explicit = !settings.getMechanisms().isEmpty();
        List<AuthMechanism> preferred = (explicit ? settings.getMechanisms() : defaultOrder(settings, tokenAvailable))
                .stream().filter(m -> channelBindingAvailable || !m.usesChannelBinding())
                .filter(m -> clientCertificatePresented || m != AuthMechanism.EXTERNAL).toList();
        if (preferred.isEmpty() && settings.getMechanisms().contains(AuthMechanism.EXTERNAL)) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "auth.mechanisms allows only "
                    + settings.getMechanisms() + ", and EXTERNAL needs a client certificate presented in TLS, which"
                    + " this connection did not present; set one with tls().setClientCertificate(...)");
        }
        if (preferred.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "auth.mechanisms allows only " + settings
                    .getMechanisms() + ", which need a TLS channel binding, and this connection has none (it is not"
                    + " TLS, or its server certificate defines no tls-server-end-point hash); use TLS or allow"
                    + " SCRAM_SHA_256 in auth().setMechanisms(...)");
        }
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
        Set<AuthMechanism> offeredBound = offered.stream().filter(AuthMechanism::usesChannelBinding)
                .map(AuthMechanism::withoutChannelBinding)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AuthMechanism.class)));
        List<AuthMechanism> acceptable = preferred.stream().filter(offered::contains).toList();
        List<AuthMechanism> candidates = channelBindingAvailable
                ? acceptable.stream().filter(m -> !offeredBound.contains(m)).toList() : acceptable;
        if (candidates.isEmpty() && !acceptable.isEmpty()) {
            throw new SmtpException(SmtpErrorCode.AUTH_NOT_SUPPORTED, "The server offers " + printable(advertised)
                    + " with channel binding over this TLS connection, but auth.mechanisms allows only " + acceptable
                    + " without it; authenticating so would give up the protection against a man in the middle"
                    + " (RFC 5802 downgrade), so it was not tried. Allow the -PLUS variant in auth().setMechanisms(...)");
        }
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
                .filter(m -> !m.usesToken() && m != AuthMechanism.EXTERNAL && passwordMechanisms);
        return Stream.concat(tokenFirst, thenPassword).toList();
    }

    private static String printable(Collection<String> names) {
        return names.stream().map(name -> name.replaceAll("[^\\x21-\\x7E]", "?"))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
