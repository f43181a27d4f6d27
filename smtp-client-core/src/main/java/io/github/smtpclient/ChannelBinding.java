package io.github.smtpclient;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The channel binding of one TLS connection (RFC 5056): data that only the two ends of this TLS channel can know,
 * which a SASL mechanism such as SCRAM-SHA-256-PLUS signs into its exchange, so that credentials accepted through a
 * man in the middle are refused by the real server. The TLS layer derives it after the handshake: {@code tls-exporter}
 * (RFC 9266) on TLS 1.3 with the Bouncy Castle engine, else {@code tls-server-end-point} (RFC 5929), the hash of the
 * server's certificate (TLS 1.2, and JSSE, whose {@code SSLSocket} has no keying material exporter).
 */
public final class ChannelBinding {

    /** RFC 9266: 32 bytes exported with the label {@code EXPORTER-Channel-Binding} and an empty context. */
    public static final String TLS_EXPORTER = "tls-exporter";
    /** RFC 5929 section 4: the hash of the server's certificate, with the hash of its signature (SHA-256 at least). */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    /** RFC 5056 section 7: the channel binding type names SASL's GS2 header can carry. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9.-]+");

    private final String type;
    private final byte[] data;

    private ChannelBinding(String type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    /**
     * A binding of {@code type} with {@code data}.
     *
     * @param type the registered channel binding type, such as {@link #TLS_EXPORTER}
     * @param data the binding data; copied
     * @throws IllegalArgumentException when the type is not a channel binding type name or the data is empty
     */
    public static ChannelBinding of(String type, byte[] data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("'" + type + "' is not a channel binding type name (RFC 5056)");
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("the " + type + " channel binding has no data");
        }
        return new ChannelBinding(type, data.clone());
    }

    /** The channel binding type, such as {@code tls-exporter}. */
    public String type() {
        return type;
    }

    /** The binding data (a copy). */
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelBinding binding && type.equals(binding.type) && Arrays.equals(data, binding.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    /** The type and the size, not the data: logs need not carry what binds a session. */
    @Override
    public String toString() {
        return type + " (" + data.length + " bytes)";
    }
}
