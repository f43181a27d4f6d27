package io.github.smtpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code smtp.client.dkim.*} properties: DKIM signing of every message; drives {@code client.dkim()}. The keys of
 * the first signature sit here directly; {@code additional-signatures} adds more (an Ed25519 one beside RSA, say).
 * Signing is off while no selector and no private key are set.
 */
public class SmtpDkimProperties extends SmtpDkimSignatureProperties {

    /** Whether each message is spooled to 'smtp.client.temp-path' to be signed, instead of being written twice; a stream is always spooled. */
    private boolean spool;

    /** Further signatures, each with its own selector and private key (and any other key of 'smtp.client.dkim'). */
    private List<SmtpDkimSignatureProperties> additionalSignatures = new ArrayList<>();

    public boolean isSpool() {
        return spool;
    }

    public void setSpool(boolean spool) {
        this.spool = spool;
    }

    public List<SmtpDkimSignatureProperties> getAdditionalSignatures() {
        return additionalSignatures;
    }

    public void setAdditionalSignatures(List<SmtpDkimSignatureProperties> additionalSignatures) {
        this.additionalSignatures = additionalSignatures;
    }
}
