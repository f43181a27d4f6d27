/**
 * smtp-client: an ESMTP client (RFC 5321 and its extensions) with a streaming MIME composer, TLS, SASL,
 * proxies and events. Start at {@link io.github.smtpclient.SmtpClient} (one connection) or
 * {@link io.github.smtpclient.SmtpMailSender} (thread-safe and pooled).
 *
 * <p>Exported: the packages whose types a user names, each with a reason.
 * <ul>
 * <li>{@code io.github.smtpclient}: the front doors and the values they take and return.</li>
 * <li>{@code .auth}: {@code AuthSettings} (reached as {@code client.auth()}) and {@code AuthMechanism}.</li>
 * <li>{@code .event}: {@code SmtpListener} and the events it receives.</li>
 * <li>{@code .message}: {@code MailMessage}, {@code Mailbox}, {@code Attachment} and the other message types.</li>
 * <li>{@code .message.dkim}: {@code DkimSettings} (reached as {@code client.dkim()}), {@code DkimSigner},
 * {@code DkimKey} and the streaming {@code DkimSigning}.</li>
 * <li>{@code .net}: {@code SocketSettings} and {@code ProxySettings} (reached as {@code client.socket()} and
 * {@code client.proxy()}).</li>
 * <li>{@code .pool}: {@code PoolSettings} and {@code PoolStats}, taken and returned by {@code SmtpMailSender}.</li>
 * <li>{@code .tls}: {@code TlsMode}, {@code TlsSettings} (reached as {@code client.tls()}), {@code TlsEngine},
 * {@code TlsSessionCache} and {@code TlsConnectionInfo}.</li>
 * <li>{@code .tls.validation}: {@code ValidationResult} and its status, reasons, log and {@code CertificateInfo}
 * (carried by {@code TlsConnectionInfo} and the CertificateValidate event), {@code ChainTolerance}, and the
 * {@code ChainValidator} with its {@code ValidationPolicy}, usable on its own.</li>
 * <li>{@code .tls.revocation}: {@code RevocationSettings} (reached as {@code client.tls().revocation()}), its
 * check modes and OCSP hash algorithms, and the {@code RevocationChecker} a {@code ValidationPolicy} takes.</li>
 * </ul>
 *
 * <p>Not exported, so no application can compile against them and they may change in any release:
 * {@code io.github.smtpclient.internal} (glue between the public packages), {@code io.github.smtpclient.protocol}
 * (the engine; its few public types are public only so that {@code SmtpClient} can wire it up, and a user reaches
 * all of it through {@code SmtpClient}) and {@code io.github.smtpclient.text} (the escaper of text smtp-client did
 * not write).
 *
 * <p>A new package is not exported until it is added here: a package of implementation needs nothing, a package
 * users name needs an {@code exports} line (and the API file, {@code api/smtp-client-core.api}, regenerated). A new
 * library dependency needs a {@code requires} line naming its module (javac says "package ... is not visible" or
 * "does not read" until it has one); {@code requires transitive} only when its types appear in our public
 * signatures. The module names of the libraries in sight: Bouncy Castle {@code org.bouncycastle.provider},
 * {@code org.bouncycastle.pkix}, {@code org.bouncycastle.util}, {@code org.bouncycastle.tls}; dnsjava
 * {@code org.dnsjava}.
 */
module io.github.smtpclient {
    requires org.slf4j;
    requires org.dnsjava;
    // OCSP requests and CRL downloads (tls.revocation).
    requires java.net.http;
    // Certificate validation, OCSP and CRLs, and the TLS engine on Bouncy Castle's own TLS API; none of their types
    // is in a public signature, so none is transitive.
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;
    // Negotiate (Kerberos) proxy authentication: the GSS-API and the Krb5LoginModule its login runs.
    requires java.security.jgss;
    requires jdk.security.auth;

    exports io.github.smtpclient;
    exports io.github.smtpclient.auth;
    exports io.github.smtpclient.event;
    exports io.github.smtpclient.log;
    exports io.github.smtpclient.message;
    exports io.github.smtpclient.message.dkim;
    exports io.github.smtpclient.net;
    exports io.github.smtpclient.pool;
    exports io.github.smtpclient.tls;
    exports io.github.smtpclient.tls.revocation;
    exports io.github.smtpclient.tls.validation;
}
