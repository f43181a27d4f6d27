package io.github.smtpclient.tls.validation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A readable view of one X.509 certificate (the reference's ServerCert* values): fingerprints, key facts, key
 * usage, key identifiers, names as common names and as ordered RDNs, serial number, signature algorithm and
 * validity. Parsed with Bouncy Castle where the JDK has no API (RDNs in order, key identifiers, EdDSA key sizes).
 * Immutable.
 */
public final class CertificateInfo {

    /** The purposes of a certificate's key (the bits of RFC 5280's keyUsage extension). */
    public enum KeyUsage {
        /** digitalSignature (bit 0). */
        DIGITAL_SIGNATURE(0),
        /** nonRepudiation, also called contentCommitment (bit 1). */
        NON_REPUDIATION(1),
        /** keyEncipherment (bit 2). */
        KEY_ENCIPHERMENT(2),
        /** dataEncipherment (bit 3). */
        DATA_ENCIPHERMENT(3),
        /** keyAgreement (bit 4). */
        KEY_AGREEMENT(4),
        /** keyCertSign (bit 5): may sign certificates. */
        KEY_CERT_SIGN(5),
        /** cRLSign (bit 6): may sign CRLs. */
        CRL_SIGN(6),
        /** encipherOnly (bit 7). */
        ENCIPHER_ONLY(7),
        /** decipherOnly (bit 8). */
        DECIPHER_ONLY(8);

        /** The bit's index in the extension's BIT STRING (RFC 5280, 4.2.1.3), as X509Certificate.getKeyUsage() holds it. */
        private final int bit;

        KeyUsage(int bit) {
            this.bit = bit;
        }
    }

    /**
     * One attribute of a distinguished name.
     *
     * @param oid   the attribute type, for example {@code 2.5.4.3}
     * @param name  its usual short name, for example {@code CN}, or the OID when it has none
     * @param value its value as text
     */
    public record NameAttribute(String oid, String name, String value) {
    }

    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private final X509Certificate certificate;
    private final X509CertificateHolder holder;

    private CertificateInfo(X509Certificate certificate) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        try {
            this.holder = new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("the certificate cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** The view of {@code certificate}. */
    public static CertificateInfo of(X509Certificate certificate) {
        return new CertificateInfo(certificate);
    }

    /** The certificate itself. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The DER encoding (ServerCertBytes). */
    public byte[] encoded() {
        return Fingerprints.encoded(certificate);
    }

    /** The SHA-256 fingerprint of the certificate, as colon hex (ServerCertFingerprint). */
    public String fingerprint() {
        return fingerprint("SHA-256");
    }

    /** The fingerprint under another digest, for example {@code SHA-1} for older tools. */
    public String fingerprint(String digestAlgorithm) {
        return Fingerprints.of(digestAlgorithm, encoded());
    }

    /** The SHA-256 fingerprint of the public key (its DER SubjectPublicKeyInfo), as colon hex (ServerCertKeyFingerprint). */
    public String keyFingerprint() {
        return Fingerprints.of("SHA-256", publicKeyBytes());
    }

    /** The public key as a DER SubjectPublicKeyInfo (ServerCertPublicKeyBytes). */
    public byte[] publicKeyBytes() {
        return certificate.getPublicKey().getEncoded();
    }

    /** The public key algorithm: {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA}... (ServerCertKeyAlgorithm). */
    public String keyAlgorithm() {
        ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(publicKeyBytes()).getAlgorithm().getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return "Ed25519";
        }
        if (EdECObjectIdentifiers.id_Ed448.equals(algorithm)) {
            return "Ed448";
        }
        return certificate.getPublicKey().getAlgorithm();
    }

    /** The key's size in bits: the modulus for RSA, the field for EC, the curve for EdDSA (ServerCertKeyBits). */
    public OptionalInt keyBits() {
        return KeySizes.bitsOf(certificate.getPublicKey());
    }

    /** The key usages the certificate allows; empty when it has no keyUsage extension (ServerCertKeyUsage). */
    public Set<KeyUsage> keyUsage() {
        boolean[] bits = certificate.getKeyUsage();
        Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
        if (bits != null) {
            for (KeyUsage usage : KeyUsage.values()) {
                if (usage.bit < bits.length && bits[usage.bit]) {
                    usages.add(usage);
                }
            }
        }
        return Set.copyOf(usages);
    }

    /** Whether the certificate has a keyUsage extension at all (without one, every usage is allowed). */
    public boolean hasKeyUsage() {
        return certificate.getKeyUsage() != null;
    }

    /** The extended key usage OIDs, for example {@code 1.3.6.1.5.5.7.3.1} (serverAuth); empty when absent. */
    public List<String> extendedKeyUsage() {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null ? List.of() : List.copyOf(usages);
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable extended key usage: " + e.getMessage(), e);
        }
    }

    /** Whether the certificate is self-signed: issued by its own subject and verifiable with its own key (ServerCertSelfSigned). */
    public boolean isSelfSigned() {
        return PathBuilder.isSelfSigned(certificate);
    }

    /** Whether the certificate is a CA (basicConstraints cA). */
    public boolean isCa() {
        return certificate.getBasicConstraints() >= 0;
    }

    /** The subject key identifier as colon hex, when present (ServerCertSubjectKeyID). */
    public Optional<String> subjectKeyId() {
        return Optional.ofNullable(PathBuilder.subjectKeyIdentifier(certificate)).map(Fingerprints::hex);
    }

    /** The authority key identifier, the issuer's key identifier, as colon hex, when present (ServerCertCAKeyID). */
    public Optional<String> caKeyId() {
        return Optional.ofNullable(PathBuilder.authorityKeyIdentifier(certificate)).map(Fingerprints::hex);
    }

    /** The subject's common name, or the whole name when it has none (ServerCertSubject). */
    public String subject() {
        return commonName(holder.getSubject());
    }

    /** The subject's attributes in the certificate's order, most significant first (ServerCertSubjectRDN). */
    public List<NameAttribute> subjectRdn() {
        return attributes(holder.getSubject());
    }

    /** The issuer's common name, or the whole name when it has none (ServerCertIssuer). */
    public String issuer() {
        return commonName(holder.getIssuer());
    }

    /** The issuer's attributes in the certificate's order, most significant first (ServerCertIssuerRDN). */
    public List<NameAttribute> issuerRdn() {
        return attributes(holder.getIssuer());
    }

    /** The serial number (ServerCertSerialNumber). */
    public BigInteger serialNumber() {
        return certificate.getSerialNumber();
    }

    /** The serial number as colon hex, as openssl prints it. */
    public String serialNumberHex() {
        byte[] bytes = certificate.getSerialNumber().toByteArray();
        return Fingerprints.hex(bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    /** The algorithm the issuer signed with, for example {@code SHA256withECDSA} (ServerCertSigAlgorithm). */
    public String signatureAlgorithm() {
        return certificate.getSigAlgName();
    }

    /** The start of the validity period, in UTC (ServerCertValidFrom). */
    public Instant validFrom() {
        return certificate.getNotBefore().toInstant();
    }

    /** The end of the validity period, in UTC (ServerCertValidTo). */
    public Instant validTo() {
        return certificate.getNotAfter().toInstant();
    }

    /** The DNS names of the subjectAltName. */
    public List<String> dnsNames() {
        return alternativeNames(SAN_DNS_NAME);
    }

    /** The IP addresses of the subjectAltName. */
    public List<String> ipAddresses() {
        return alternativeNames(SAN_IP_ADDRESS);
    }

    private List<String> alternativeNames(int type) {
        try {
            List<String> names = new ArrayList<>();
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> name : all) {
                    if (Integer.valueOf(type).equals(name.get(0)) && name.get(1) instanceof String value) {
                        names.add(value);
                    }
                }
            }
            return List.copyOf(names);
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName: " + e.getMessage(), e);
        }
    }

    private static String commonName(X500Name name) {
        RDN[] commonNames = name.getRDNs(BCStyle.CN);
        return commonNames.length == 0 ? name.toString()
                : IETFUtils.valueToString(commonNames[0].getFirst().getValue());
    }

    private static List<NameAttribute> attributes(X500Name name) {
        List<NameAttribute> attributes = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                String oid = attribute.getType().getId();
                String shortName = BCStyle.INSTANCE.oidToDisplayName(attribute.getType());
                attributes.add(new NameAttribute(oid, shortName == null ? oid : shortName,
                        IETFUtils.valueToString(attribute.getValue())));
            }
        }
        return List.copyOf(attributes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateInfo info && info.certificate.equals(certificate);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateInfo[subject=" + subject() + ", issuer=" + issuer() + ", serial=" + serialNumberHex()
                + ", validTo=" + validTo() + ", sha256=" + fingerprint() + "]";
    }
}
