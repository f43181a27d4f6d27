package io.github.smtpclient.internal;

/**
 * How error messages name the settings they advise changing, in one place, so that a layer above (the Spring Boot
 * starter) can recognise a name and show its own (a property) instead. The public API exposes the same strings where
 * users need them, for example {@link io.github.smtpclient.tls.TlsMode#SETTING}.
 */
public final class SettingNames {

    /** The TLS mode: {@code client.tls().setMode(...)}. */
    public static final String TLS_MODE = "tls().mode";

    /** The socket timeout, which by default also bounds every reply: {@code client.socket().setTimeout(...)}. */
    public static final String SOCKET_TIMEOUT = "socket().timeout";

    /** The wait for the server's greeting: {@code client.socket().setGreetingTimeout(...)}. */
    public static final String GREETING_TIMEOUT = "socket().greetingTimeout";

    /** The wait for the reply to the end of the data: {@code client.socket().setDataTerminationTimeout(...)}. */
    public static final String DATA_TERMINATION_TIMEOUT = "socket().dataTerminationTimeout";

    private SettingNames() {
    }
}
