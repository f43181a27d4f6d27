package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.DataCommand;
import org.springframework.util.unit.DataSize;

/**
 * The {@code smtp.client.transfer.*} properties: which command carries message data and how far a batch is pipelined;
 * drives {@code client.transfer()}. The defaults are {@code TransferSettings}'s.
 */
public class SmtpTransferProperties {

    /**
     * Command that carries message data: auto (BDAT for pipelined batches when the server offers CHUNKING, since
     * DATA's 354 costs a round trip per message), data, or bdat.
     */
    private DataCommand dataCommand = DataCommand.AUTO;

    /** Messages of a BDAT batch written before the replies of the oldest are read, between 1 and 10000. */
    private int pipelineWindowMessages = 100;

    /**
     * Bytes of a BDAT batch written ahead of its replies (message data and its commands), between 1KB and 64MB; a
     * larger message is sent on its own.
     */
    private DataSize pipelineWindowBytes = DataSize.ofKilobytes(128);

    public DataCommand getDataCommand() {
        return dataCommand;
    }

    public void setDataCommand(DataCommand dataCommand) {
        this.dataCommand = dataCommand;
    }

    public int getPipelineWindowMessages() {
        return pipelineWindowMessages;
    }

    public void setPipelineWindowMessages(int pipelineWindowMessages) {
        this.pipelineWindowMessages = pipelineWindowMessages;
    }

    public DataSize getPipelineWindowBytes() {
        return pipelineWindowBytes;
    }

    public void setPipelineWindowBytes(DataSize pipelineWindowBytes) {
        this.pipelineWindowBytes = pipelineWindowBytes;
    }
}
