package io.github.smtpclient.message.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DKIM signatures a client adds to every message it sends, composed or raw: none by default. Reached as
 * {@code client.dkim()}.
 *
 * <pre>{@code
 * client.dkim().addSigner(DkimSigner.builder()
 *         .domain("example.com").selector("mail2026")
 *         .key(DkimKey.read(Path.of("/etc/dkim/mail2026.private")))
 *         .build());
 * }</pre>
 *
 * <p>Signing streams: the message is written twice (once to hash, once to send; a composed message keeps its
 * boundaries, Date and Message-ID), or, when it can be read only once (a stream) or {@link #isSpool()} is set,
 * written once to a spool file in the transfer settings' TempPath and sent from there. It is signed over the exact
 * bytes the server receives: after the composer chose each part's encoding for this server, with bare CR and LF
 * already turned into CRLF, before dot-stuffing (which the server undoes), so DATA and BDAT carry the same
 * signature.
 */
public final class DkimSettings {

    private final List<DkimSigner> signers = new ArrayList<>();
    private boolean spool;

    /** No signers: messages are sent unsigned. */
    public DkimSettings() {
    }

    /** The signers, in the order their signatures are written (the first on top). */
    public List<DkimSigner> getSigners() {
        return List.copyOf(signers);
    }

    /** Replaces the signers; an empty list turns signing off. */
    public void setSigners(List<DkimSigner> signers) {
        List<DkimSigner> copy = List.copyOf(signers);
        this.signers.clear();
        this.signers.addAll(copy);
    }

    /** Adds a signature, e.g. an Ed25519 one beside an RSA one. */
    public void addSigner(DkimSigner signer) {
        signers.add(Objects.requireNonNull(signer, "signer"));
    }

    /** Whether any signer is set, so messages are signed. */
    public boolean isEnabled() {
        return !signers.isEmpty();
    }

    /**
     * Whether a message that could be written twice is instead written once to a spool file (in TempPath) and signed
     * and sent from it: for composed messages whose attachments are costly to read twice. Default false. A message
     * that can be read only once is always spooled.
     */
    public boolean isSpool() {
        return spool;
    }

    /** Sets whether messages are spooled to TempPath to be signed rather than written twice. */
    public void setSpool(boolean spool) {
        this.spool = spool;
    }

    /** An independent copy: later changes to this object do not affect it. */
    public DkimSettings copy() {
        DkimSettings copy = new DkimSettings();
        copy.signers.addAll(signers);
        copy.spool = spool;
        return copy;
    }
}
