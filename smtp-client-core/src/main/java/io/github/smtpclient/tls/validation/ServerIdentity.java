package io.github.smtpclient.tls.validation;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.util.IPAddress;

/**
 * The server identity check of RFC 9525 (which obsoletes RFC 6125): a DNS name is matched against the DNS-IDs of the
 * certificate's subjectAltName, an IP address against its IP-IDs. The subject's common name is never used, and a
 * wildcard matches only as the whole left-most label, standing for exactly one label, above at least two more.
 */
final class ServerIdentity {

    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private ServerIdentity() {
    }

    /**
     * The presented identifier that matches {@code referenceName} (a host name or an IP literal, IPv6 optionally in
     * brackets), or empty when none does.
     */
    static Optional<String> match(X509Certificate certificate, String referenceName) throws CertificateParsingException {
        String reference = stripBrackets(referenceName.trim());
        if (IPAddress.isValid(reference)) {
            byte[] address = addressBytes(reference);
            for (String presented : names(certificate, SAN_IP_ADDRESS)) {
                if (IPAddress.isValid(presented) && Arrays.equals(address, addressBytes(presented))) {
                    return Optional.of(presented);
                }
            }
            return Optional.empty();
        }
        String host = normalise(reference);
        if (host == null) {
            return Optional.empty();
        }
        for (String presented : names(certificate, SAN_DNS_NAME)) {
            String name = normalise(presented);
            if (name != null && (name.equals(host) || wildcardMatches(name, host))) {
                return Optional.of(presented);
            }
        }
        return Optional.empty();
    }

    /** The DNS-IDs and IP-IDs the certificate presents, for messages. */
    static List<String> presentedIdentifiers(X509Certificate certificate) throws CertificateParsingException {
        List<String> identifiers = new ArrayList<>(names(certificate, SAN_DNS_NAME));
        identifiers.addAll(names(certificate, SAN_IP_ADDRESS));
        return identifiers;
    }

    /** {@code *.example.com} matches {@code mail.example.com}, never {@code example.com} or {@code a.b.example.com}. */
    private static boolean wildcardMatches(String presented, String host) {
        if (!presented.startsWith("*.")) {
            return false;
        }
        String base = presented.substring(2);
        if (base.indexOf('*') >= 0 || base.indexOf('.') < 0) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot + 1).equals(base);
    }

    private static List<String> names(X509Certificate certificate, int type) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
        if (alternativeNames != null) {
            for (List<?> name : alternativeNames) {
                if (Integer.valueOf(type).equals(name.get(0)) && name.get(1) instanceof String value) {
                    names.add(value);
                }
            }
        }
        return names;
    }

    /** Lower-case A-labels without a trailing dot, or {@code null} when the name is not a valid host name. */
    private static String normalise(String name) {
        String withoutDot = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (withoutDot.isEmpty()) {
            return null;
        }
        try {
            String ascii = withoutDot.startsWith("*.") ? "*." + IDN.toASCII(withoutDot.substring(2))
                    : IDN.toASCII(withoutDot);
            return ascii.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) {
            return null;
        }
    }

    private static String stripBrackets(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static byte[] addressBytes(String literal) {
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
