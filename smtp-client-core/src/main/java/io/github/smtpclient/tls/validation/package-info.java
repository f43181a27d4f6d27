/**
 * Certificate validation, the same for every TLS engine: {@link io.github.smtpclient.tls.validation.ChainValidator}
 * builds a path to a trust anchor, runs the RFC 5280 checks, refuses blocked certificates, checks the server's
 * identity per RFC 9525 and asks about revocation, and returns a
 * {@link io.github.smtpclient.tls.validation.ValidationResult} with reason flags and a log;
 * {@link io.github.smtpclient.tls.validation.CertificateInfo} describes one certificate.
 */
package io.github.smtpclient.tls.validation;
