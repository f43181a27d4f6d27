package io.github.smtpclient.message.dkim;

import java.util.Objects;

/**
 * A DKIM setting or key that cannot sign: a missing selector, an RSA key under 1024 bits, a key that does not fit
 * the algorithm, a file that holds no key. {@link #field()} names the setting, so a configuration error can point at
 * it (the starter prefixes it with {@code smtp.client.dkim}).
 */
public final class DkimConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The setting that is wrong, e.g. {@code selector}, {@code key}, {@code algorithm}. */
    private final String field;

    /**
     * @param field   the setting that is wrong
     * @param message what is wrong and what to do
     */
    public DkimConfigurationException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * @param field   the setting that is wrong
     * @param message what is wrong and what to do
     * @param cause   the failure that shows it
     */
    public DkimConfigurationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The setting that is wrong, e.g. {@code selector}, {@code key}, {@code algorithm}. */
    public String field() {
        return field;
    }
}
