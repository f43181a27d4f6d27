package io.github.smtpclient.message.dkim;

/**
 * How the header fields or the body are prepared before hashing (RFC 6376 3.4), the halves of the {@code c=} tag.
 * {@link #RELAXED} survives the rewrapping and whitespace changes mail servers make; {@link #SIMPLE} survives
 * almost nothing.
 */
public enum DkimCanonicalization {

    /** Bytes as they are (the body without its trailing empty lines). */
    SIMPLE("simple"),

    /** Header names in lower case, folding and runs of whitespace reduced; trailing whitespace ignored. */
    RELAXED("relaxed");

    private final String tag;

    DkimCanonicalization(String tag) {
        this.tag = tag;
    }

    /** The name in the {@code c=} tag: {@code simple} or {@code relaxed}. */
    public String tag() {
        return tag;
    }

    /**
     * The canonicalization named {@code simple} or {@code relaxed}, ignoring case.
     *
     * @param field the setting being read, named in the error
     * @throws DkimConfigurationException naming {@code field} for any other name
     */
    public static DkimCanonicalization of(String field, String name) {
        for (DkimCanonicalization canonicalization : values()) {
            if (canonicalization.tag.equalsIgnoreCase(name.strip())) {
                return canonicalization;
            }
        }
        throw new DkimConfigurationException(field, "Unknown DKIM canonicalization \"" + name
                + "\": use relaxed or simple");
    }
}
