package io.github.smtpclient.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has {@code smtp.client.*} keys that no property has; see {@link UnknownSmtpProperties}. */
final class UnknownSmtpPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<UnknownSmtpProperties.UnknownProperty> unknown;

    UnknownSmtpPropertyException(List<UnknownSmtpProperties.UnknownProperty> unknown) {
        super("Unknown smtp.client properties: " + unknown.stream().map(UnknownSmtpProperties.UnknownProperty::describe)
                .collect(Collectors.joining("; ")));
        this.unknown = List.copyOf(unknown);
    }

    List<UnknownSmtpProperties.UnknownProperty> unknown() {
        return unknown;
    }
}
