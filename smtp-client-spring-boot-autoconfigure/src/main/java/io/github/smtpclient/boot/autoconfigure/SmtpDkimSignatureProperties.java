package io.github.smtpclient.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.message.dkim.DkimAlgorithm;
import io.github.smtpclient.message.dkim.DkimCanonicalization;
import io.github.smtpclient.message.dkim.DkimSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * One DKIM signature: the keys of {@code smtp.client.dkim.*} itself and of each entry of
 * {@code smtp.client.dkim.additional-signatures}; drives a {@link DkimSigner} in {@code client.dkim()}.
 */
public class SmtpDkimSignatureProperties {

    /** Signing domain (d=) whose DNS publishes the key, such as 'example.com'; an additional signature without one uses 'smtp.client.dkim.domain'. */
    private @Nullable String domain;

    /** Selector (s=): the key is published as a TXT record at '<selector>._domainkey.<domain>'. */
    private @Nullable String selector;

    /** Private key file: PEM (PKCS#8 'BEGIN PRIVATE KEY', as opendkim-genkey writes it, or PKCS#1 'BEGIN RSA PRIVATE KEY'), PKCS#8 DER, or a base64 Ed25519 seed (dkimpy's dknewkey). */
    private @Nullable Resource privateKey;

    /** Signing algorithm, a check on the key; by default the key's own (rsa-sha256 for RSA, ed25519-sha256 for Ed25519). */
    private @Nullable DkimAlgorithm algorithm;

    /** How header fields are canonicalized before hashing. */
    private DkimCanonicalization headerCanonicalization = DkimCanonicalization.RELAXED;

    /** How the body is canonicalized before hashing. */
    private DkimCanonicalization bodyCanonicalization = DkimCanonicalization.RELAXED;

    /** Header fields signed where the message has them, in order; must include From. */
    private List<String> signedHeaders = new ArrayList<>(DkimSigner.DEFAULT_SIGNED_HEADERS);

    /** Header fields over-signed (listed once more than they occur, so none can be added later); empty for none. */
    private List<String> oversignedHeaders = new ArrayList<>(List.of("From", "Subject", "To", "Date", "Message-ID"));

    /** Agent or user identifier (i=), an address at the signing domain or a subdomain, such as '@example.com'. */
    private @Nullable String identity;

    /** Whether the body length (l=) is written; it lets anyone append to the body without breaking the signature. */
    private boolean bodyLength;

    /** How long the signature is valid (x=, from the signing time); by default it does not expire. */
    private @Nullable Duration expiry;

    public @Nullable String getDomain() {
        return domain;
    }

    public void setDomain(@Nullable String domain) {
        this.domain = domain;
    }

    public @Nullable String getSelector() {
        return selector;
    }

    public void setSelector(@Nullable String selector) {
        this.selector = selector;
    }

    public @Nullable Resource getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(@Nullable Resource privateKey) {
        this.privateKey = privateKey;
    }

    public @Nullable DkimAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(@Nullable DkimAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public DkimCanonicalization getHeaderCanonicalization() {
        return headerCanonicalization;
    }

    public void setHeaderCanonicalization(DkimCanonicalization headerCanonicalization) {
        this.headerCanonicalization = headerCanonicalization;
    }

    public DkimCanonicalization getBodyCanonicalization() {
        return bodyCanonicalization;
    }

    public void setBodyCanonicalization(DkimCanonicalization bodyCanonicalization) {
        this.bodyCanonicalization = bodyCanonicalization;
    }

    public List<String> getSignedHeaders() {
        return signedHeaders;
    }

    public void setSignedHeaders(List<String> signedHeaders) {
        this.signedHeaders = signedHeaders;
    }

    public List<String> getOversignedHeaders() {
        return oversignedHeaders;
    }

    public void setOversignedHeaders(List<String> oversignedHeaders) {
        this.oversignedHeaders = oversignedHeaders;
    }

    public @Nullable String getIdentity() {
        return identity;
    }

    public void setIdentity(@Nullable String identity) {
        this.identity = identity;
    }

    public boolean isBodyLength() {
        return bodyLength;
    }

    public void setBodyLength(boolean bodyLength) {
        this.bodyLength = bodyLength;
    }

    public @Nullable Duration getExpiry() {
        return expiry;
    }

    public void setExpiry(@Nullable Duration expiry) {
        this.expiry = expiry;
    }
}
