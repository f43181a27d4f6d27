/**
 * DKIM signing (RFC 6376, with Ed25519 from RFC 8463): {@link io.github.smtpclient.message.dkim.DkimSigner} for
 * one signature (domain, selector, {@link io.github.smtpclient.message.dkim.DkimKey}, canonicalization, signed
 * headers), {@link io.github.smtpclient.message.dkim.DkimSettings} for the signatures a client adds to every
 * message (reached as {@code client.dkim()}), and {@link io.github.smtpclient.message.dkim.DkimSigning}, the
 * streaming computation itself, usable on its own. The body is hashed as it streams and never held; only the
 * header block is kept. Uses the JDK's crypto ({@code SHA256withRSA}, {@code Ed25519}), so a key from any
 * provider, a PKCS#11 token included, signs.
 */
package io.github.smtpclient.message.dkim;
