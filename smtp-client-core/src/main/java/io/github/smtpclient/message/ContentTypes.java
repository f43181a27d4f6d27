package io.github.smtpclient.message;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.smtpclient.text.PrintableText;

/**
 * Guesses a media type from a file name, and checks media types given by callers. The table covers what mail
 * usually carries; anything else falls back to the JDK's table, then to {@code application/octet-stream}.
 */
final class ContentTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("htm", "text/html"), Map.entry("html", "text/html"),
            Map.entry("css", "text/css"), Map.entry("ics", "text/calendar"), Map.entry("vcf", "text/vcard"),
            Map.entry("md", "text/markdown"), Map.entry("xml", "application/xml"), Map.entry("json", "application/json"),
            Map.entry("js", "text/javascript"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("tar", "application/x-tar"), Map.entry("rtf", "application/rtf"),
            Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("eml", "message/rfc822"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"), Map.entry("bmp", "image/bmp"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("heic", "image/heic"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"));

    private ContentTypes() {
    }

    /** The media type for a file name, from its extension. */
    static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String known = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String jdk = URLConnection.guessContentTypeFromName(fileName);
        return jdk != null && isValid(jdk) ? jdk : OCTET_STREAM;
    }

    /**
     * Checks a caller's media type: {@code type/subtype}, optionally followed by {@code ; parameters}.
     *
     * @throws IllegalArgumentException naming the value when it is malformed
     */
    static String check(String contentType) {
        if (!isValid(contentType)) {
            throw new IllegalArgumentException("Invalid content type \"" + PrintableText.excerpt(contentType)
                    + "\": give a media type such as application/pdf");
        }
        return contentType.strip();
    }

    private static boolean isValid(String contentType) {
        if (contentType.chars().anyMatch(c -> c < ' ' || c > '~')) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip();
        String[] parts = mediaType.split("/", -1);
        return parts.length == 2 && TOKEN.matcher(parts[0]).matches() && TOKEN.matcher(parts[1]).matches();
    }

    static boolean isText(String contentType) {
        return contentType.regionMatches(true, 0, "text/", 0, 5);
    }
}
