package io.github.smtpclient.event;

import io.github.smtpclient.text.PrintableText;

/**
 * A control-flow notice that is not an error.
 *
 * @param kind what happened, stable for code to switch on
 * @param text a sentence for a person
 */
public record NotificationEvent(Kind kind, String text) {

    /** The text is made safe to print: control, format (bidi) and separator characters are escaped. */
    public NotificationEvent {
        text = PrintableText.escape(text);
    }

    /** The kinds of notification. */
    public enum Kind {
        /** Certificate validation was switched off by configuration: anyone on the path can read and alter the session. */
        CERTIFICATE_VALIDATION_DISABLED,
        /** MIXED TLS mode and the server does not offer STARTTLS: the session continues unencrypted. */
        TLS_NOT_OFFERED,
        /** The server rejected EHLO and the client fell back to HELO: no extensions are available. */
        HELO_FALLBACK,
        /** A delivery status notification was requested but the server does not offer DSN. */
        DSN_NOT_AVAILABLE,
        /** Binary mode was requested but the server lacks CHUNKING or BINARYMIME: DATA is used instead. */
        BINARY_MODE_UNAVAILABLE,
        /** Some recipients were rejected; the message went to the others. */
        RECIPIENTS_REJECTED,
        /** The connection was closed. */
        DISCONNECTED,
        /** Soft fail: no source could say whether the server's certificate is revoked, and it was accepted anyway. */
        REVOCATION_UNKNOWN,
        /** An MT-PRIORITY was set on the envelope but the server does not offer MT-PRIORITY: sent without it. */
        MT_PRIORITY_NOT_AVAILABLE,
        /**
         * REQUIRETLS (RFC 8689) was asked for with {@link io.github.smtpclient.RequireTlsPolicy#OPPORTUNISTIC} but the
         * server does not advertise it or the connection is not TLS with a validated certificate: sent without it.
         */
        REQUIRETLS_NOT_AVAILABLE
    }
}
