package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.CertificateValidateEvent;

/** The server's certificate chain was checked; a listener may accept or reject it. */
public final class SmtpCertificateValidateEvent extends SmtpClientApplicationEvent<CertificateValidateEvent> {

    private static final long serialVersionUID = 1L;

    /** Wraps the core event of a client talking to the server {@code host:port}. */
    public SmtpCertificateValidateEvent(String server, CertificateValidateEvent event) {
        super(server, event);
    }
}
