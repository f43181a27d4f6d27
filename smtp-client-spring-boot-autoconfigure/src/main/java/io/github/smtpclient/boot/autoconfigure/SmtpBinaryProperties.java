package io.github.smtpclient.boot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.binary.*} properties: BDAT (RFC 3030 CHUNKING); drives {@code client.transfer()}.
 */
public class SmtpBinaryProperties {

    /** Whether messages are sent with BDAT when the server offers CHUNKING, instead of DATA. */
    private boolean mode;

    /** Size of each BDAT chunk, between 1B and 64MB; the client holds one chunk in memory. */
    private DataSize chunkSize = DataSize.ofMegabytes(1);

    public boolean isMode() {
        return mode;
    }

    public void setMode(boolean mode) {
        this.mode = mode;
    }

    public DataSize getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(DataSize chunkSize) {
        this.chunkSize = chunkSize;
    }
}
