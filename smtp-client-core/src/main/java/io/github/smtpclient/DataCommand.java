package io.github.smtpclient;

/**
 * Which command carries message data: DATA (RFC 5321) or BDAT (RFC 3030 CHUNKING). Set with
 * {@link TransferSettings#setDataCommand(DataCommand)}; binary mode ({@link TransferSettings#setBinaryMode(boolean)})
 * asks for BDAT on its own, since BINARYMIME needs it.
 *
 * <p>Why BDAT for batches: DATA needs the server's 354 before the data may follow, which costs one round trip per
 * message however far the rest is pipelined. BDAT carries its length instead, so a batch can write every message's
 * MAIL, RCPTs and {@code BDAT n LAST} without waiting for any reply (see
 * {@link TransferSettings#getPipelineWindowMessages()}). The message bytes are normalised and checked exactly as after
 * DATA (bare CR or LF becomes CRLF; 8-bit data needs 8BITMIME), only not dot-stuffed.
 */
public enum DataCommand {

    /**
     * The default: BDAT for a batch of two or more messages ({@link SmtpClient#sendAll}) when the server offers both
     * PIPELINING and CHUNKING, and for every send in binary mode; DATA otherwise.
     */
    AUTO,

    /** DATA for every message, even in binary mode (a BINARYMIME body then cannot be sent and is refused). */
    DATA,

    /** BDAT for every message whenever the server offers CHUNKING; DATA when it does not. */
    BDAT
}
