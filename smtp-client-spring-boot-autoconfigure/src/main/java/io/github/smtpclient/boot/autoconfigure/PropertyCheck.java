package io.github.smtpclient.boot.autoconfigure;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/** Hands property values to core setters, which check them, and names the property when a setter refuses one. */
final class PropertyCheck {

    private PropertyCheck() {
    }

    /**
     * @throws InvalidConfigurationPropertyValueException with the setter's reason, so start-up fails with a message
     *                                                    naming the property, its value and what is allowed
     */
    static <T> void set(String property, @Nullable T value, Consumer<@Nullable T> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(property, value == null ? "(none)" : value,
                    e.getMessage());
        }
    }

    /** A size in bytes as an int, saturating, so the setter's range check sees an out-of-range value as one. */
    static int toInt(DataSize size) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, size.toBytes()));
    }
}
