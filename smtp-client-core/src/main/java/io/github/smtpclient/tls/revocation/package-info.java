/**
 * Revocation checking: {@link io.github.smtpclient.tls.revocation.RevocationSettings} (reached as
 * {@code client.tls().revocation()}) chooses the sources, and
 * {@link io.github.smtpclient.tls.revocation.RevocationChecker} asks them: stapled and supplied OCSP responses and
 * CRLs, OCSP responders and CRL distribution points over HTTP, and a cache that follows nextUpdate.
 */
package io.github.smtpclient.tls.revocation;
