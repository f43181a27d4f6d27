package io.github.smtpclient.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the tests with Bouncy Castle, each with exactly the features a test needs: names (or none),
 * validity, CA marks, key usages, key type, signature algorithm, and OCSP and CRL locations.
 *
 * <pre>{@code
 * TestPki.Issued root = TestPki.root("Test Root");
 * TestPki.Issued leaf = root.issue(TestPki.leaf("mail.example.test"));
 * }</pre>
 */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestPki() {
    }

    /** A self-signed root CA with an EC P-256 key. */
    public static Issued root(String commonName) {
        return selfSigned(ca(commonName));
    }

    /** A self-signed certificate made from {@code spec}. */
    public static Issued selfSigned(Spec spec) {
        KeyPair keys = spec.keys();
        return new Issued(sign(spec, keys, new X500Name(spec.subject), keys, null), keys);
    }

    /** The spec of a CA certificate (cA true, keyCertSign and cRLSign). */
    public static Spec ca(String commonName) {
        Spec spec = new Spec("CN=" + commonName);
        spec.ca = true;
        spec.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        return spec;
    }

    /** The spec of a server certificate with the DNS names as subjectAltName (none: no subjectAltName at all). */
    public static Spec leaf(String commonName, String... dnsNames) {
        Spec spec = new Spec("CN=" + commonName);
        spec.dnsNames = List.of(dnsNames);
        spec.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        spec.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth);
        return spec;
    }

    /** The spec of a server certificate with the full subject name given, for example {@code C=DE,O=Example,CN=mail}. */
    public static Spec leafWithSubject(String subject) {
        Spec spec = new Spec(subject);
        spec.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        spec.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth);
        return spec;
    }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        /** A certificate signed by this one. */
        public Issued issue(Spec spec) {
            KeyPair subjectKeys = spec.keys();
            return new Issued(sign(spec, subjectKeys,
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), keys, certificate),
                    subjectKeys);
        }

        /** A server SSLContext presenting this certificate followed by {@code chain}. */
        public SSLContext serverContext(X509Certificate... chain) {
            return context(null, chain);
        }

        /**
         * An SSLContext presenting this certificate followed by {@code chain}, and trusting only {@code anchor}: a
         * client with a client certificate, or a server that checks its clients' certificates.
         */
        public SSLContext contextTrusting(X509Certificate anchor, X509Certificate... chain) {
            return context(anchor, chain);
        }

        private SSLContext context(X509Certificate anchor, X509Certificate... chain) {
            List<X509Certificate> all = new ArrayList<>();
            all.add(certificate);
            all.addAll(List.of(chain));
            try {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("own", keys.getPrivate(), PASSWORD, all.toArray(X509Certificate[]::new));
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keyStore, PASSWORD);
                TrustManager[] trustManagers = null;
                if (anchor != null) {
                    KeyStore trustStore = KeyStore.getInstance("PKCS12");
                    trustStore.load(null, null);
                    trustStore.setCertificateEntry("anchor", anchor);
                    TrustManagerFactory factory = TrustManagerFactory.getInstance(
                            TrustManagerFactory.getDefaultAlgorithm());
                    factory.init(trustStore);
                    trustManagers = factory.getTrustManagers();
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), trustManagers, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What goes into one certificate; change the fields through the fluent methods. */
    public static final class Spec {

        private final String subject;
        private List<String> dnsNames = List.of();
        private List<String> ipAddresses = List.of();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private boolean ca;
        private int pathLength = -1;
        private int keyUsage = -1;
        private List<KeyPurposeId> extendedKeyUsage = List.of();
        private String keyType = "EC";
        private int keyBits = 256;
        private String signatureAlgorithm;
        private String ocspUrl;
        private String crlUrl;
        private BigInteger serial;
        private boolean authorityKeyId = true;
        private final List<Object[]> extraExtensions = new ArrayList<>();

        private Spec(String subject) {
            this.subject = subject;
        }

        /** The DNS names of the subjectAltName. */
        public Spec dnsNames(String... names) {
            this.dnsNames = List.of(names);
            return this;
        }

        /** The IP addresses of the subjectAltName. */
        public Spec ipAddresses(String... addresses) {
            this.ipAddresses = List.of(addresses);
            return this;
        }

        /** The validity period. */
        public Spec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** Marks the certificate as a CA (or not) without changing its key usage. */
        public Spec ca(boolean ca) {
            this.ca = ca;
            return this;
        }

        /** The basicConstraints pathLenConstraint of a CA. */
        public Spec pathLength(int pathLength) {
            this.pathLength = pathLength;
            return this;
        }

        /** The key usage bits of {@link KeyUsage}; -1 leaves the extension out. */
        public Spec keyUsage(int keyUsage) {
            this.keyUsage = keyUsage;
            return this;
        }

        /** The extended key usages; none leaves the extension out. */
        public Spec extendedKeyUsage(KeyPurposeId... purposes) {
            this.extendedKeyUsage = List.of(purposes);
            return this;
        }

        /** An RSA key of {@code bits}. */
        public Spec rsa(int bits) {
            this.keyType = "RSA";
            this.keyBits = bits;
            return this;
        }

        /** An Ed25519 key. */
        public Spec ed25519() {
            this.keyType = "Ed25519";
            return this;
        }

        /** The issuer's signature algorithm, for example {@code SHA1withRSA}; by default one that fits its key. */
        public Spec signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        /** The OCSP responder in the authorityInfoAccess extension. */
        public Spec ocspUrl(String url) {
            this.ocspUrl = url;
            return this;
        }

        /** The CRL distribution point. */
        public Spec crlUrl(String url) {
            this.crlUrl = url;
            return this;
        }

        /** The serial number. */
        public Spec serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        /** Leaves out the authorityKeyIdentifier, so only the issuer's name and signature link it to its issuer. */
        public Spec withoutAuthorityKeyId() {
            this.authorityKeyId = false;
            return this;
        }

        /** An extra extension, for example an unknown critical one. */
        public Spec extension(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
            extraExtensions.add(new Object[] {oid, critical, value});
            return this;
        }

        /** Applies {@code change}; for helpers that adjust a spec. */
        public Spec with(UnaryOperator<Spec> change) {
            return change.apply(this);
        }

        private KeyPair keys() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
                if (keyType.equals("EC")) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
                } else if (keyType.equals("RSA")) {
                    generator.initialize(keyBits);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static X509Certificate sign(Spec spec, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            X509Certificate issuerCertificate) {
        try {
            BigInteger serial = spec.serial != null ? spec.serial : BigInteger.valueOf(SERIALS.incrementAndGet());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(spec.notBefore), Date.from(spec.notAfter), new X500Name(spec.subject),
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (spec.authorityKeyId) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCertificate == null
                        ? utils.createAuthorityKeyIdentifier(issuerKeys.getPublic())
                        : utils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (spec.ca) {
                builder.addExtension(Extension.basicConstraints, true, spec.pathLength >= 0
                        ? new BasicConstraints(spec.pathLength) : new BasicConstraints(true));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            }
            if (spec.keyUsage >= 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            }
            if (!spec.extendedKeyUsage.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.extendedKeyUsage.toArray(KeyPurposeId[]::new)));
            }
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            spec.ipAddresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (spec.ocspUrl != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, spec.ocspUrl))));
            }
            if (spec.crlUrl != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, spec.crlUrl))), null, null)}));
            }
            for (Object[] extension : spec.extraExtensions) {
                builder.addExtension((ASN1ObjectIdentifier) extension[0], (Boolean) extension[1],
                        (org.bouncycastle.asn1.ASN1Encodable) extension[2]);
            }
            String algorithm = spec.signatureAlgorithm != null ? spec.signatureAlgorithm
                    : signatureAlgorithmFor(issuerKeys);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test certificate for " + spec.subject, e);
        }
    }

    private static String signatureAlgorithmFor(KeyPair keys) {
        return switch (keys.getPrivate().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }

    /** An empty sequence, as the value of a made-up extension. */
    public static DERSequence emptySequence() {
        return new DERSequence();
    }
}
