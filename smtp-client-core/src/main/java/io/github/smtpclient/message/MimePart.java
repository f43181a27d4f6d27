package io.github.smtpclient.message;

import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;

/** One MIME entity of a prepared message: its content header fields and a body written on demand. */
interface MimePart {

    /** The Content-* header fields, folded, each ending with CRLF. */
    String headers();

    /** Writes the encoded body; it ends with CRLF unless it is empty or an identity-encoded attachment. */
    void writeBody(OutputStream out) throws IOException;

    /** The number of body bytes {@link #writeBody} writes, when known without writing. */
    OptionalLong bodySize();

    /** What MAIL FROM must declare for this part. */
    BodyType bodyType();
}
