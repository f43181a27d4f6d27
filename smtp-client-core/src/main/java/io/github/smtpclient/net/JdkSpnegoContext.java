package io.github.smtpclient.net;

import java.nio.file.Files;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * SPNEGO (OID 1.3.6.1.5.5.2) with the Kerberos mechanism through the JDK's GSS-API, run as the Subject that
 * {@link KerberosSettings} supplies or that a {@code Krb5LoginModule} login, configured in code, yields. Mutual
 * authentication is requested, so a proxy that sends its AP-REP is checked; delegation is not.
 */
final class JdkSpnegoContext implements SpnegoContext {

    private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final Oid KERBEROS_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");
    private static final String LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
    private static final String SETTINGS = "proxy().kerberos()";

    private final Subject subject;
    private final GSSContext context;
    private final String service;

    private JdkSpnegoContext(Subject subject, GSSContext context, String service) {
        this.subject = subject;
        this.context = context;
        this.service = service;
    }

    static SpnegoContext open(KerberosSettings kerberos, String password, String proxyHost) throws SmtpException {
        Subject subject = kerberos.getSubject() != null ? kerberos.getSubject() : login(kerberos, password);
        String service = kerberos.serviceFor(proxyHost);
        try {
            GSSContext context = as(subject, () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName name = service.indexOf('/') >= 0
                        ? manager.createName(service, KERBEROS_PRINCIPAL_NAME)
                        : manager.createName(service, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext created = manager.createContext(name, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
                created.requestMutualAuth(true);
                created.requestCredDeleg(false);
                return created;
            });
            return new JdkSpnegoContext(subject, context, service);
        } catch (GSSException e) {
            throw failed("the proxy's service principal " + service + " is not a valid name: " + e.getMessage()
                    + "; check " + SETTINGS + ".servicePrincipal", e);
        }
    }

    @Override
    public byte[] step(byte[] token) throws SmtpException {
        try {
            return as(subject, () -> context.initSecContext(token, 0, token.length));
        } catch (GSSException e) {
            throw failed("Kerberos could not authenticate to the proxy as " + service + ": " + e.getMessage()
                    + "; check " + SETTINGS + " (a Subject holding a ticket, or a principal with a keytab or"
                    + " proxy().password), " + SETTINGS + ".servicePrincipal, and the krb5.conf the JVM reads"
                    + " (system property java.security.krb5.conf)", e);
        }
    }

    @Override
    public boolean isEstablished() {
        return context.isEstablished();
    }

    @Override
    public void dispose() {
        try {
            context.dispose();
        } catch (GSSException e) {
            // Nothing is left to free: the context is gone either way.
        }
    }

    private static Subject login(KerberosSettings kerberos, String password) throws SmtpException {
        String principal = kerberos.getPrincipal();
        if (principal == null) {
            throw failed("Negotiate needs Kerberos credentials: set " + SETTINGS + ".subject, or "
                    + SETTINGS + ".principal with " + SETTINGS + ".keytab or proxy().password", null);
        }
        Subject reusable = kerberos.logins().find(principal, kerberos.getKeytab(), password, Instant.now());
        if (reusable != null) {
            return reusable;
        }
        Map<String, String> options = new HashMap<>();
        options.put("principal", principal);
        options.put("isInitiator", "true");
        options.put("useTicketCache", "false");
        String credentials;
        if (kerberos.getKeytab() != null) {
            if (!Files.isReadable(kerberos.getKeytab())) {
                throw failed("the keytab " + kerberos.getKeytab() + " cannot be read; check " + SETTINGS
                        + ".keytab", null);
            }
            options.put("useKeyTab", "true");
            options.put("keyTab", kerberos.getKeytab().toString());
            options.put("storeKey", "true");
            options.put("doNotPrompt", "true");
            credentials = SETTINGS + ".keytab";
        } else {
            if (password == null) {
                throw failed("the Kerberos principal " + principal + " has no keytab and no password: set "
                        + SETTINGS + ".keytab or proxy().password", null);
            }
            credentials = "proxy().password";
        }
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(LOGIN_MODULE,
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        Subject subject = new Subject();
        try {
            new LoginContext("smtp-client-proxy", subject, callbacks -> answer(callbacks, principal, password),
                    configuration).login();
            kerberos.logins().remember(principal, kerberos.getKeytab(), password, subject);
            return subject;
        } catch (LoginException e) {
            throw failed("the Kerberos login of " + principal + " failed: " + e.getMessage() + "; check "
                    + SETTINGS + ".principal and " + credentials + ", and that the KDC in the krb5.conf the JVM"
                    + " reads (system property java.security.krb5.conf) is reachable", e);
        }
    }

    private static void answer(Callback[] callbacks, String principal, String password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(principal);
            } else if (callback instanceof PasswordCallback secret && password != null) {
                secret.setPassword(password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private interface GssAction<T> {
        T run() throws GSSException;
    }

    /** Runs {@code action} as {@code subject}, so that the GSS-API finds the Subject's Kerberos credentials. */
    private static <T> T as(Subject subject, GssAction<T> action) throws GSSException {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<T>) action::run);
        } catch (PrivilegedActionException e) {
            throw (GSSException) e.getException();
        }
    }

    private static SmtpException failed(String message, Exception cause) {
        return new SmtpException(SmtpErrorCode.PROXY_AUTH_FAILED, message, cause);
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
