package io.github.smtpclient.tls;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes JSSE reads from the server, watched until the ServerHello has passed, to tell whether it carried the
 * renegotiation_info extension of RFC 5746: SunJSSE accepts a server without it (unless the whole JVM runs with
 * {@code sun.security.ssl.allowLegacyHelloMessages=false}) and does not say whether it saw it. The ServerHello is
 * sent in the clear in every version; after it the stream is passed through untouched.
 */
final class RenegotiationInfoWatch extends FilterInputStream {

    private static final int HANDSHAKE_RECORD = 22;
    private static final int SERVER_HELLO = 2;
    private static final int RENEGOTIATION_INFO = 0xff01;
    private static final int LARGEST_SERVER_HELLO = 1 << 16;

    private final byte[] recordHeader = new byte[5];
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private int headerBytes;
    private int recordLeft;
    private boolean done;
    private Boolean renegotiationInfo;

    RenegotiationInfoWatch(InputStream in) {
        super(in);
    }

    /** Whether the ServerHello had renegotiation_info; {@code null} if no ServerHello was read (yet). */
    Boolean renegotiationInfo() {
        return renegotiationInfo;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && !done) {
            watch(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && !done) {
            watch(buffer, offset, n);
        }
        return n;
    }

    private void watch(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && !done) {
            if (headerBytes < recordHeader.length) {
                recordHeader[headerBytes++] = bytes[i++];
                if (headerBytes == recordHeader.length) {
                    recordLeft = ((recordHeader[3] & 0xff) << 8) | (recordHeader[4] & 0xff);
                    done = recordHeader[0] != HANDSHAKE_RECORD; // an alert instead: there is no ServerHello
                }
                continue;
            }
            int take = Math.min(recordLeft, end - i);
            handshake.write(bytes, i, take);
            i += take;
            recordLeft -= take;
            if (recordLeft == 0) {
                headerBytes = 0;
            }
            parse();
        }
    }

    /** Reads the ServerHello once all of it has arrived (it may span records, or share one with what follows). */
    private void parse() {
        byte[] data = handshake.toByteArray();
        if (data.length < 4) {
            return;
        }
        int length = ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        if (data[0] != SERVER_HELLO || length > LARGEST_SERVER_HELLO || length < 2 + 32 + 1) {
            done = true;
            return;
        }
        if (data.length < 4 + length) {
            return;
        }
        done = true;
        int at = 4 + 2 + 32; // legacy_version, random
        at += 1 + (data[at] & 0xff) + 2 + 1; // session id, cipher suite, compression method
        boolean found = false;
        if (at + 2 <= 4 + length) {
            int extensionsEnd = Math.min(4 + length, at + 2 + (((data[at] & 0xff) << 8) | (data[at + 1] & 0xff)));
            at += 2;
            while (at + 4 <= extensionsEnd) {
                int type = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
                found |= type == RENEGOTIATION_INFO;
                at += 4 + (((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff));
            }
        }
        renegotiationInfo = found;
    }
}
