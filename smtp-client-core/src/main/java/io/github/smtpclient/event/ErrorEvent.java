package io.github.smtpclient.event;

import io.github.smtpclient.SmtpException;

/**
 * An operation failed.
 *
 * @param exception the failure, also thrown to the caller
 */
public record ErrorEvent(SmtpException exception) {
}
