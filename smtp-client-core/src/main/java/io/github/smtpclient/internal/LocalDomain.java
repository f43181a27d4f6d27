package io.github.smtpclient.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The default EHLO name (RFC 5321 4.1.4): the local host's fully qualified name when it has a usable one,
 * otherwise an address literal of the connection's local address, {@code [192.0.2.1]} or
 * {@code [IPv6:2001:db8::1]}.
 */
public final class LocalDomain {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static volatile String hostName;

    private LocalDomain() {
    }

    public static String forConnection(InetAddress localAddress) {
        String name = localHostName();
        if (isUsableDomain(name)) {
            return name;
        }
        return addressLiteral(localAddress);
    }

    /** A fully qualified name of letters, digits and hyphens, not "localhost" and not a bare label. */
    static boolean isUsableDomain(String name) {
        return name != null && DOMAIN.matcher(name).matches() && !name.toLowerCase(Locale.ROOT).startsWith("localhost");
    }

    static String addressLiteral(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return "[IPv6:" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return "[" + address.getHostAddress() + "]";
    }

    /** Looked up once: getLocalHost can wait on a resolver, and the answer does not change while we run. */
    private static String localHostName() {
        String name = hostName;
        if (name == null) {
            try {
                name = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                name = "";
            }
            hostName = name;
        }
        return name;
    }
}
