package io.github.smtpclient.event;

import java.util.List;
import java.util.Objects;

/**
 * Fired before authentication starts. The listener may change the mechanism to use (one of
 * {@link #candidates()}) or supply the OAuth 2 access token for XOAUTH2/OAUTHBEARER.
 */
public final class BeforeAuthEvent {

    private final List<String> candidates;
    private String mechanism;
    private String oauthToken;

    /** An event offering these mechanisms, the first of them chosen. */
    public BeforeAuthEvent(List<String> candidates) {
        this.candidates = List.copyOf(candidates);
        this.mechanism = candidates.isEmpty() ? null : candidates.get(0);
    }

    /** Mechanism names usable with this server and these settings, most preferred first. */
    public List<String> candidates() {
        return candidates;
    }

    /** The mechanism that will be tried first. */
    public String mechanism() {
        return mechanism;
    }

    /** Chooses the mechanism to try first; it must be one of {@link #candidates()}. */
    public void setMechanism(String mechanism) {
        if (!candidates.contains(mechanism)) {
            throw new IllegalArgumentException("mechanism " + mechanism + " is not one of " + candidates);
        }
        this.mechanism = mechanism;
    }

    /** The OAuth 2 access token supplied by the listener, or {@code null}. */
    public String oauthToken() {
        return oauthToken;
    }

    /** Supplies the OAuth 2 access token for XOAUTH2 and OAUTHBEARER (instead of the password setting). */
    public void setOauthToken(String oauthToken) {
        this.oauthToken = Objects.requireNonNull(oauthToken, "oauthToken");
    }

    @Override
    public String toString() {
        return "BeforeAuthEvent[candidates=" + candidates + ", mechanism=" + mechanism
                + ", oauthToken=" + (oauthToken == null ? "none" : "****") + "]";
    }
}
