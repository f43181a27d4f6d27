package io.github.smtpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.auth.AuthMechanism;

/**
 * The {@code smtp.client.auth.*} properties: authentication; drives {@code client.auth()}.
 */
public class SmtpAuthProperties {

    /** SASL mechanisms to try, in order: SCRAM-SHA-256-PLUS, SCRAM-SHA-1-PLUS, EXTERNAL (only when listed), SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, OAUTHBEARER, XOAUTH2, PLAIN, LOGIN; empty means strongest first. */
    private List<AuthMechanism> mechanisms = new ArrayList<>();

    /** Whether to authenticate even when the server does not advertise AUTH. */
    private boolean forceLogin;

    /** Whether credentials may cross an unencrypted connection to any host; dangerous, anyone on the path can read them. */
    private boolean allowPlaintextCredentials;

    /** Whether credentials may cross an unencrypted connection to a loopback address. */
    private boolean allowLoopbackPlaintext = true;

    public List<AuthMechanism> getMechanisms() {
        return mechanisms;
    }

    public void setMechanisms(List<AuthMechanism> mechanisms) {
        this.mechanisms = mechanisms;
    }

    public boolean isForceLogin() {
        return forceLogin;
    }

    public void setForceLogin(boolean forceLogin) {
        this.forceLogin = forceLogin;
    }

    public boolean isAllowPlaintextCredentials() {
        return allowPlaintextCredentials;
    }

    public void setAllowPlaintextCredentials(boolean allowPlaintextCredentials) {
        this.allowPlaintextCredentials = allowPlaintextCredentials;
    }

    public boolean isAllowLoopbackPlaintext() {
        return allowLoopbackPlaintext;
    }

    public void setAllowLoopbackPlaintext(boolean allowLoopbackPlaintext) {
        this.allowLoopbackPlaintext = allowLoopbackPlaintext;
    }
}
