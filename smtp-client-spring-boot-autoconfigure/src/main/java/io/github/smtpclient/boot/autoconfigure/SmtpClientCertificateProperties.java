package io.github.smtpclient.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * The {@code smtp.client.tls.client-certificate.*} properties: the client's own certificate and key, presented when
 * the server asks for one; drives {@code client.tls().setClientCertificate(...)}. Give either a PEM chain with its PEM
 * key, a PKCS#12 key store, or a PKCS#11 token ('pkcs11-config', 'pkcs11-password' as its PIN, 'key-alias').
 */
public class SmtpClientCertificateProperties {

    /** PEM file of the client's certificate chain, leaf first. For instance, 'file:/etc/smtp/client-chain.pem'. */
    private @Nullable Resource certificateChain;

    /** PEM file of the client's private key: PKCS#8 ('BEGIN PRIVATE KEY'), encrypted PKCS#8 (with 'private-key-password') or traditional RSA/EC. */
    private @Nullable Resource privateKey;

    /** Password of an encrypted 'private-key'. */
    private @Nullable String privateKeyPassword;

    /** PKCS#12 file holding the client's key and certificate chain, instead of 'certificate-chain' and 'private-key'. */
    private @Nullable Resource keyStore;

    /** Password of the 'key-store' and of its key entry. */
    private @Nullable String keyStorePassword;

    /** Alias of the key entry in the 'key-store' or the PKCS#11 token; by default its only key entry. */
    private @Nullable String keyAlias;

    /** SunPKCS11 configuration file of a PKCS#11 token or HSM holding the key, instead of files. For instance, '/etc/smtp/pkcs11.cfg'. */
    private @Nullable String pkcs11Config;

    /** User PIN of the PKCS#11 token named by 'pkcs11-config'. */
    private @Nullable String pkcs11Password;

    public @Nullable String getPkcs11Config() {
        return pkcs11Config;
    }

    public void setPkcs11Config(@Nullable String pkcs11Config) {
        this.pkcs11Config = pkcs11Config;
    }

    public @Nullable String getPkcs11Password() {
        return pkcs11Password;
    }

    public void setPkcs11Password(@Nullable String pkcs11Password) {
        this.pkcs11Password = pkcs11Password;
    }

    public @Nullable Resource getCertificateChain() {
        return certificateChain;
    }

    public void setCertificateChain(@Nullable Resource certificateChain) {
        this.certificateChain = certificateChain;
    }

    public @Nullable Resource getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(@Nullable Resource privateKey) {
        this.privateKey = privateKey;
    }

    public @Nullable String getPrivateKeyPassword() {
        return privateKeyPassword;
    }

    public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
        this.privateKeyPassword = privateKeyPassword;
    }

    public @Nullable Resource getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(@Nullable Resource keyStore) {
        this.keyStore = keyStore;
    }

    public @Nullable String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(@Nullable String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public @Nullable String getKeyAlias() {
        return keyAlias;
    }

    public void setKeyAlias(@Nullable String keyAlias) {
        this.keyAlias = keyAlias;
    }
}
