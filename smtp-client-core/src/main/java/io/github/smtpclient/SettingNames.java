package io.github.smtpclient;

/**
 * How the advice in an {@link SmtpException} names the {@link Setting}s it refers to. A client uses
 * {@link #JAVA_API} unless told otherwise ({@link SmtpClient#setSettingNames}); a framework that configures the
 * client from its own keys supplies names its users recognise.
 */
@FunctionalInterface
public interface SettingNames {

    /** As calls on the client: {@code client.tls().setMode(TlsMode.IMPLICIT)}, {@code client.tls().setTrustedCertificates(...)}. */
    SettingNames JAVA_API = reference -> "client." + reference.setting().group() + "()." + reference.setting().setter()
            + "(" + (reference.value() == null ? "..." : reference.setting().javaValue(reference.value())) + ")";

    /** The text that stands for the reference in the advice. */
    String name(Setting.Reference reference);
}
