package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.github.smtpclient.tls.ClientCertificate;
import io.github.smtpclient.tls.PreSharedKey;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;
import io.github.smtpclient.tls.revocation.RevocationSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;

/**
 * Maps {@code smtp.client.tls.*} onto {@code client.tls()}. The certificate, CRL and OCSP response files are read
 * once, when the mapper is made, so a missing or malformed file fails start-up with the property's name.
 */
final class TlsSettingsMapper {

    private static final String PREFIX = "smtp.client.tls.";

    private final SmtpTlsProperties tls;
    private final List<X509Certificate> trusted;
    private final List<X509Certificate> known;
    private final List<X509Certificate> blocked;
    private final List<X509CRL> knownCrls;
    private final List<byte[]> knownOcspResponses;
    private final @Nullable ClientCertificate clientCertificate;
    private final @Nullable SecureRandom secureRandom;
    private final @Nullable PreSharedKey preSharedKey;

    TlsSettingsMapper(SmtpTlsProperties tls) {
        this.tls = tls;
        this.trusted = certificates("trusted-certificates", tls.getTrustedCertificates());
        this.known = certificates("known-certificates", tls.getKnownCertificates());
        this.blocked = certificates("blocked-certificates", tls.getBlockedCertificates());
        this.knownCrls = crls(tls.getRevocation().getKnownCrls());
        this.knownOcspResponses = ocspResponses(tls.getRevocation().getKnownOcspResponses());
        this.clientCertificate = clientCertificate(tls.getClientCertificate());
        this.secureRandom = tls.isUseSystemRandom() ? strongRandom() : null;
        this.preSharedKey = preSharedKey(tls.getPsk());
    }

    /**
     * @param connectionMode the mode the connection details ask for, which wins over {@code smtp.client.tls.mode}
     * @param sslContext     the SSL bundle's context, or {@code null}
     */
    void apply(TlsSettings settings, @Nullable TlsMode connectionMode, @Nullable SSLContext sslContext) {
        settings.setMode(connectionMode != null ? connectionMode : tls.getMode());
        if (tls.getBaseConfiguration() != null) {
            settings.applyBaseConfiguration(tls.getBaseConfiguration());
        }
        // With a preset, only the values that differ from the properties' defaults override it.
        if (tls.getBaseConfiguration() == null || !tls.getVersions().equals(TlsSettings.DEFAULT_VERSIONS)) {
            PropertyCheck.set(PREFIX + "versions", tls.getVersions(), settings::setVersions);
        }
        if (tls.getBaseConfiguration() == null || !tls.getCipherSuites().isEmpty()) {
            PropertyCheck.set(PREFIX + "cipher-suites", tls.getCipherSuites(), settings::setCipherSuites);
        }
        if (tls.getBaseConfiguration() == null || !tls.getNamedGroups().isEmpty()) {
            PropertyCheck.set(PREFIX + "named-groups", tls.getNamedGroups(), settings::setNamedGroups);
        }
        if (tls.getFiniteFieldDhe() != null) {
            settings.setFiniteFieldDhe(tls.getFiniteFieldDhe());
        }
        settings.setExtendedMasterSecret(tls.getExtendedMasterSecret());
        settings.setSecureRenegotiation(tls.getSecureRenegotiation());
        PropertyCheck.set(PREFIX + "close-notify-wait", tls.getCloseNotifyWait(), settings::setCloseNotifyWait);
        settings.setSecureRandom(secureRandom);
        settings.setClientCertificate(clientCertificate);
        settings.setPreSharedKey(preSharedKey);
        PropertyCheck.set(PREFIX + "psk.cipher-suite", tls.getPsk().getCipherSuite(),
                settings::setPreSharedKeyCipherSuite);
        settings.setCheckKeyIntegrityBeforeUse(tls.isCheckKeyIntegrityBeforeUse());
        settings.setEngine(tls.getEngine());
        settings.setValidateCertificates(tls.isValidateCertificates());
        settings.setVerifyHostname(tls.isVerifyHostname());
        settings.setTrustedCertificates(trusted);
        settings.setKnownCertificates(known);
        settings.setBlockedCertificates(blocked);
        settings.setUseSystemCertificates(tls.isUseSystemCertificates());
        settings.setIgnoreSystemTrust(tls.isIgnoreSystemTrust());
        PropertyCheck.set(PREFIX + "tolerances", tls.getTolerances(), settings::setTolerances);
        settings.setUseSessionResumption(tls.isUseSessionResumption());
        settings.setForceResumeIfDestinationChanges(tls.isForceResumeIfDestinationChanges());
        settings.setSslContext(sslContext);
        PropertyCheck.set(PREFIX + "sni-host-name", tls.getSniHostName(), settings::setSniHostName);

        SmtpRevocationProperties revocation = tls.getRevocation();
        RevocationSettings target = settings.revocation();
        PropertyCheck.set(PREFIX + "revocation.check", revocation.getCheck(), target::setCheck);
        target.setSoftFail(revocation.isSoftFail());
        PropertyCheck.set(PREFIX + "revocation.timeout", revocation.getTimeout(), target::setTimeout);
        PropertyCheck.set(PREFIX + "revocation.download-limit", revocation.getDownloadLimit(),
                limit -> target.setDownloadLimit(PropertyCheck.toInt(limit)));
        PropertyCheck.set(PREFIX + "revocation.ocsp-hash-algorithm", revocation.getOcspHashAlgorithm(),
                target::setOcspHashAlgorithm);
        target.setKnownCrls(knownCrls);
        target.setKnownOcspResponses(knownOcspResponses);
    }

    /** The pre-shared key of 'psk.identity' and 'psk.key' (hex), both or neither; the key is never quoted. */
    private static @Nullable PreSharedKey preSharedKey(SmtpPskProperties psk) {
        String identity = psk.getIdentity();
        String key = psk.getKey();
        if (identity == null && key == null) {
            return null;
        }
        if (identity == null || key == null) {
            String missing = identity == null ? "identity" : "key";
            throw new InvalidConfigurationPropertyValueException(PREFIX + "psk." + missing, null,
                    "Set 'smtp.client.tls.psk.identity' and 'smtp.client.tls.psk.key' together.");
        }
        try {
            return PreSharedKey.ofHex(identity, key);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "psk.key", "****", e.getMessage()
                    + "; give the key in hex (base16), such as the output of 'openssl rand -hex 32'.");
        }
    }

    private static @Nullable ClientCertificate clientCertificate(SmtpClientCertificateProperties properties) {
        String prefix = PREFIX + "client-certificate.";
        Resource chain = properties.getCertificateChain();
        Resource key = properties.getPrivateKey();
        Resource store = properties.getKeyStore();
        if (properties.getPkcs11Config() != null) {
            if (store != null || chain != null || key != null) {
                throw new InvalidConfigurationPropertyValueException(prefix + "pkcs11-config",
                        properties.getPkcs11Config(), "Give either 'pkcs11-config' or files, not both.");
            }
            return Pkcs11Tokens.clientCertificate(prefix, properties.getPkcs11Config(),
                    chars(properties.getPkcs11Password()), properties.getKeyAlias());
        }
        if (store != null) {
            if (chain != null || key != null) {
                throw new InvalidConfigurationPropertyValueException(prefix + "key-store", store,
                        "Give either 'key-store' or 'certificate-chain' with 'private-key', not both.");
            }
            try (InputStream in = store.getInputStream()) {
                return ClientCertificate.fromPkcs12(in, chars(properties.getKeyStorePassword()), properties.getKeyAlias());
            } catch (IOException e) {
                throw new InvalidConfigurationPropertyValueException(prefix + "key-store", store, e.getMessage());
            }
        }
        if (chain == null && key == null) {
            return null;
        }
        if (chain == null || key == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + (chain == null ? "certificate-chain"
                    : "private-key"), null, "'certificate-chain' and 'private-key' are given together.");
        }
        try (InputStream chainIn = chain.getInputStream(); InputStream keyIn = key.getInputStream()) {
            return ClientCertificate.fromPem(chainIn, keyIn, chars(properties.getPrivateKeyPassword()));
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(prefix + "certificate-chain", chain,
                    e.getMessage() + " (private key: " + key + ")");
        }
    }

    private static char @Nullable [] chars(@Nullable String password) {
        return password == null ? null : password.toCharArray();
    }

    private static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstanceStrong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("smtp.client.tls.use-system-random: the JDK names no strong SecureRandom: "
                    + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(String key, List<Resource> resources) {
        return readCertificates(PREFIX + key, resources);
    }

    /** Reads the certificates of a list property such as {@code smtp.client.proxy.tls.trusted-certificates}. */
    static List<X509Certificate> readCertificates(String listProperty, List<Resource> resources) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            String property = listProperty + "[" + i + "]";
            try (InputStream in = resource.getInputStream()) {
                int before = certificates.size();
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certificates.add((X509Certificate) certificate);
                }
                if (certificates.size() == before) {
                    throw new InvalidConfigurationPropertyValueException(property, resource,
                            "The file holds no certificate; give a PEM file with one or more"
                                    + " '-----BEGIN CERTIFICATE-----' blocks.");
                }
            } catch (IOException e) {
                throw unreadable(property, resource, e);
            } catch (CertificateException e) {
                throw new InvalidConfigurationPropertyValueException(property, resource,
                        "The file is not a PEM or DER X.509 certificate (" + e.getMessage() + ").");
            }
        }
        return List.copyOf(certificates);
    }

    private static List<X509CRL> crls(List<Resource> resources) {
        List<X509CRL> crls = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            String property = PREFIX + "revocation.known-crls[" + i + "]";
            try (InputStream in = resource.getInputStream()) {
                int before = crls.size();
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    crls.add((X509CRL) crl);
                }
                if (crls.size() == before) {
                    throw new InvalidConfigurationPropertyValueException(property, resource,
                            "The file holds no CRL; give a PEM ('-----BEGIN X509 CRL-----') or DER CRL file.");
                }
            } catch (IOException e) {
                throw unreadable(property, resource, e);
            } catch (CRLException | CertificateException e) {
                throw new InvalidConfigurationPropertyValueException(property, resource,
                        "The file is not a PEM or DER X.509 CRL (" + e.getMessage() + ").");
            }
        }
        return List.copyOf(crls);
    }

    private static List<byte[]> ocspResponses(List<Resource> resources) {
        List<byte[]> responses = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            String property = PREFIX + "revocation.known-ocsp-responses[" + i + "]";
            try (InputStream in = resource.getInputStream()) {
                byte[] response = in.readAllBytes();
                PropertyCheck.set(property, resource, ignored -> new RevocationSettings()
                        .setKnownOcspResponses(List.of(response)));
                responses.add(response);
            } catch (IOException e) {
                throw unreadable(property, resource, e);
            }
        }
        return List.copyOf(responses);
    }

    private static InvalidConfigurationPropertyValueException unreadable(String property, Resource resource,
            IOException e) {
        return new InvalidConfigurationPropertyValueException(property, resource, "The file cannot be read ("
                + e.getMessage() + "); give a readable file, such as 'classpath:smtp/x.pem' or 'file:/etc/ssl/x.pem'.");
    }
}
