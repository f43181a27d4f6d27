package io.github.smtpclient.message;

/**
 * One header field read from a raw message.
 *
 * @param name  the field name as written, without the colon
 * @param value the unfolded value, without leading and trailing white space
 * @param start offset of the field's first byte in the header block
 * @param end   offset just past the field's last byte (its final line break included)
 */
record HeaderField(String name, String value, int start, int end) {

    boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }
}
