package io.github.smtpclient.boot.event;

import io.github.smtpclient.event.CertificateValidateEvent;

/** The server's certificate chain was checked; a listener may accept or reject it. */
public final class SmtpCertificateValidateEvent extends SmtpClientApplicationEvent<CertificateValidateEvent> {

    public SmtpCertificateValidateEvent(String server, CertificateValidateEvent event) {
        super(server, event);
    }
}
