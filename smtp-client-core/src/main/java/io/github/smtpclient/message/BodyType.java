package io.github.smtpclient.message;

/**
 * What a prepared message contains, and so what {@code MAIL FROM} must declare (RFC 6152, RFC 3030). It is
 * decided before the first byte is written.
 */
public enum BodyType {
    /** Only 7-bit ASCII in lines of at most 998 octets: no {@code BODY} parameter is needed. */
    SEVEN_BIT,
    /** 8-bit octets in lines of at most 998 octets: declare {@code BODY=8BITMIME}. */
    EIGHT_BIT_MIME,
    /** Arbitrary octets: declare {@code BODY=BINARYMIME} and send with {@code BDAT}. */
    BINARY_MIME
}
