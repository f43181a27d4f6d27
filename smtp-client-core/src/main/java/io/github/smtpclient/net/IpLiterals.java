package io.github.smtpclient.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever asking DNS, so that a proxy can resolve real names itself. */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private IpLiterals() {
    }

    /** The address bytes (4 or 16) when {@code host} is an IPv4 or IPv6 literal, else {@code null}. */
    static byte[] parse(String host) {
        if (IPV4.matcher(host).matches()) {
            return addressOf(host);
        }
        if (host.indexOf(':') >= 0) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return addressOf(bare);
        }
        return null;
    }

    /** The address of bytes returned by {@link #parse(String)}. */
    static InetAddress toAddress(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + literal.length + " bytes", e);
        }
    }

    private static byte[] addressOf(String literal) {
        try {
            // Only ever called with a literal (dotted quad or containing ':'), which getByName parses without DNS.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
