package io.github.smtpclient.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * Bouncy Castle's client protocol with a close that can wait for the server's close_notify. Its own
 * {@link #close()} sends close_notify and closes the socket at once, so nothing could be read after it; here the
 * alert is sent first, and the close_notify Bouncy Castle would send again when the server's arrives, or on the
 * final close, is sent only once.
 */
final class ClosingTlsClientProtocol extends TlsClientProtocol {

    private boolean closeNotifySent;

    ClosingTlsClientProtocol(InputStream input, OutputStream output) {
        super(input, output);
    }

    /** Sends close_notify; reads then return -1 once the server's close_notify has arrived. */
    void sendCloseNotify() throws IOException {
        raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
    }

    @Override
    protected void raiseAlertWarning(short alertDescription, String message) throws IOException {
        if (alertDescription == AlertDescription.close_notify) {
            if (closeNotifySent) {
                return;
            }
            closeNotifySent = true;
        }
        super.raiseAlertWarning(alertDescription, message);
    }
}
