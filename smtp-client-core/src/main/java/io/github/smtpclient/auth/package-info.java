/**
 * SMTP authentication (RFC 4954) without I/O: which mechanism to use
 * ({@link io.github.smtpclient.auth.MechanismSelector}), the user's credentials and policy ({@link io.github.smtpclient.auth.AuthSettings}), and one
 * {@link io.github.smtpclient.auth.SaslMechanism} per attempt that turns decoded server challenges into responses.
 * Base64, the {@code AUTH} command and reply handling belong to the protocol engine.
 */
package io.github.smtpclient.auth;
