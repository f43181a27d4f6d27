package io.github.smtpclient.event;

import java.nio.ByteBuffer;

/**
 * Message data written to the server after DATA or BDAT, exactly as it crossed the wire (dot-stuffed after
 * DATA; chunk payload after BDAT).
 *
 * @param data a read-only view, valid only during the call
 */
public record CommandDataEvent(ByteBuffer data) {
}
