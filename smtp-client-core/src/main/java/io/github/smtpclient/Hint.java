package io.github.smtpclient;

import java.util.List;
import java.util.Objects;

/**
 * The advice of an {@link SmtpException}: what to do, written with placeholders ({@code {}}) for the settings it
 * refers to, so that it can name them the way the application configures them (see {@link SettingNames}).
 *
 * <pre>{@code
 * Hint.of("Use {} (usually port 465).", Setting.TLS_MODE.to("IMPLICIT"))
 * }</pre>
 */
public final class Hint {

    private static final String PLACEHOLDER = "{}";

    private final String template;
    private final List<Setting.Reference> settings;

    private Hint(String template, List<Setting.Reference> settings) {
        this.template = template;
        this.settings = settings;
    }

    /**
     * Advice that names {@code settings} where its placeholders stand.
     *
     * @param template the advice, with one {@code {}} per setting, in order
     * @param settings the settings the placeholders stand for
     * @throws IllegalArgumentException when the placeholders and the settings do not pair up
     */
    public static Hint of(String template, Setting.Reference... settings) {
        Objects.requireNonNull(template, "template");
        List<Setting.Reference> references = List.of(settings);
        int placeholders = 0;
        for (int at = template.indexOf(PLACEHOLDER); at >= 0; at = template.indexOf(PLACEHOLDER, at + 2)) {
            placeholders++;
        }
        if (placeholders != references.size()) {
            throw new IllegalArgumentException("the hint has " + placeholders + " placeholders for "
                    + references.size() + " settings: " + template);
        }
        return new Hint(template, references);
    }

    /**
     * The advice for a server that answered too slowly: raise the timeout that ran out.
     *
     * @param timeout the timeout setting that ran out
     */
    public static Hint raiseIfSlow(Setting.Reference timeout) {
        return of("If the server is this slow, raise {}.", timeout);
    }

    /** The settings the advice refers to, in order. */
    public List<Setting.Reference> settings() {
        return settings;
    }

    /** The advice with each setting named by {@code names}. */
    public String render(SettingNames names) {
        StringBuilder text = new StringBuilder(template.length() + 32 * settings.size());
        int from = 0;
        for (Setting.Reference reference : settings) {
            int at = template.indexOf(PLACEHOLDER, from);
            text.append(template, from, at).append(names.name(reference));
            from = at + PLACEHOLDER.length();
        }
        return text.append(template, from, template.length()).toString();
    }

    @Override
    public String toString() {
        return render(SettingNames.JAVA_API);
    }
}
