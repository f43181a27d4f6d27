package io.github.smtpclient.tls;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import javax.net.ssl.SSLParameters;

import io.github.smtpclient.Hint;
import io.github.smtpclient.Setting;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;

/**
 * The named groups of a JSSE connection. {@code SSLParameters.setNamedGroups} exists from Java 20 on; this library is
 * built for Java 17, so it is called reflectively where the JVM has it. On an older JVM a connection that configures
 * groups, or forbids finite-field groups, is refused: the only alternative there, the system property
 * {@code jdk.tls.namedGroups}, applies to every connection of the JVM.
 */
final class JsseNamedGroups {

    private static final Method GET = method("getNamedGroups");
    private static final Method SET = method("setNamedGroups", String[].class);

    private JsseNamedGroups() {
    }

    static void apply(SSLParameters parameters, TlsSettings settings) throws SmtpException {
        if (settings.getNamedGroups().isEmpty() && settings.isFiniteFieldDhe()) {
            return;
        }
        if (GET == null || SET == null) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the JSSE engine cannot choose the named groups of"
                    + " one connection on Java " + Runtime.version().feature() + " (SSLParameters.setNamedGroups came"
                    + " with Java 20), so tls().namedGroups " + settings.getNamedGroups() + (settings.isFiniteFieldDhe()
                    ? "" : " and tls().finiteFieldDhe=false") + " cannot be applied; use the Bouncy Castle engine, run"
                    + " on Java 20 or later, or clear those settings and set the JVM-wide system property"
                    + " jdk.tls.namedGroups").withHint(Hint.of("Use {}.", Setting.TLS_ENGINE.to("BOUNCY_CASTLE")));
        }
        try {
            List<String> groups = settings.getNamedGroups().isEmpty()
                    ? List.of((String[]) GET.invoke(parameters)) : settings.getNamedGroups();
            String[] offered = groups.stream().filter(group -> settings.isFiniteFieldDhe() || !group.startsWith("ffdhe"))
                    .toArray(String[]::new);
            SET.invoke(parameters, (Object) offered);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new SmtpException(SmtpErrorCode.INVALID_ARGUMENT, "the JSSE engine refused tls().namedGroups "
                    + settings.getNamedGroups() + ": " + e.getMessage(), e);
        }
    }

    private static Method method(String name, Class<?>... parameterTypes) {
        try {
            return SSLParameters.class.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException olderThanJava20) {
            return null;
        }
    }
}
