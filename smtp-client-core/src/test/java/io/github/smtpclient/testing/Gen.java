package io.github.smtpclient.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The values of one {@link Property} case, all drawn from one seeded {@link Random}: the same seed draws the same
 * values. Lengths favour the edges (empty, one, the maximum) as well as everything between. Every value drawn is
 * recorded, abbreviated, for the failure message.
 */
public final class Gen {

    private static final int SHOWN = 48;

    private final Random random;
    private final List<String> drawn = new ArrayList<>();

    Gen(long seed) {
        this.random = new Random(seed);
    }

    /** The case's random source, for decisions that need not be shown (how to split a write, for instance). */
    public Random random() {
        return random;
    }

    /** Any {@code long}. */
    public long anyLong() {
        return record("long", random.nextLong());
    }

    /** True or false, evenly. */
    public boolean anyBoolean() {
        return record("boolean", random.nextBoolean());
    }

    /** An int in {@code [min, max]}. */
    public int intBetween(int min, int max) {
        return record("int", min + random.nextInt(max - min + 1));
    }

    /** One of {@code values}, evenly. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return record("oneOf", values[random.nextInt(values.length)]);
    }

    /** Up to {@code maxLength} bytes, any values. */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[length(maxLength)];
        random.nextBytes(bytes);
        return recordBytes(bytes);
    }

    /**
     * Lines of one length ending in CRLF, as base64 and quoted-printable bodies have (76 octets, 1 to 100, or 990 to
     * 998), up to about {@code maxBytes} in all, with up to four flaws at random places (a dot, a bare CR or LF, NUL,
     * an 8-bit or a low control octet put in or put in place of the octet there, or an octet dropped) and maybe a
     * dot at the start of a line.
     */
    public byte[] equalLines(int maxBytes) {
        // Long lines near the limit, MIME's 76 (which the gate tests without a loop), and any other length.
        int length = switch (random.nextInt(3)) {
            case 0 -> 990 + random.nextInt(9);
            case 1 -> 76;
            default -> 1 + random.nextInt(100);
        };
        int lines = 1 + random.nextInt(random.nextBoolean() ? 8 : Math.max(1, maxBytes / (length + 2)));
        byte[] input = new byte[lines * (length + 2)];
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        for (int line = 0; line < lines; line++) {
            int start = line * (length + 2);
            for (int i = 0; i < length; i++) {
                input[start + i] = (byte) base64.charAt(random.nextInt(base64.length()));
            }
            input[start + length] = '\r';
            input[start + length + 1] = '\n';
        }
        int[] flawsAt = new int[random.nextInt(5)];
        for (int f = 0; f < flawsAt.length; f++) {
            flawsAt[f] = random.nextInt(input.length);
        }
        Arrays.sort(flawsAt);
        ByteArrayOutputStream flawed = new ByteArrayOutputStream();
        int copied = 0;
        for (int position : flawsAt) {
            if (position < copied) {
                continue; // The octet was dropped by the flaw before.
            }
            flawed.write(input, copied, position - copied);
            copied = position;
            int flaw = random.nextInt(7);
            switch (flaw) {
                case 0 -> flawed.write('.');
                case 1 -> flawed.write('\r');
                case 2 -> flawed.write('\n');
                case 3 -> flawed.write(0);
                case 4 -> flawed.write(0x80 + random.nextInt(0x80));
                case 5 -> flawed.write(new int[] {0x01, 0x08, 0x09, 0x0B, 0x0C}[random.nextInt(5)]);
                default -> copied++;
            }
            if (flaw < 6 && random.nextBoolean()) {
                copied++; // In place of the octet there: the line keeps its length, so only its octets tell.
            }
        }
        flawed.write(input, copied, input.length - copied);
        byte[] result = flawed.toByteArray();
        if (random.nextBoolean()) {
            int lineStart = random.nextInt(lines) * (length + 2);
            if (lineStart < result.length) {
                result[lineStart] = '.';
            }
        }
        return recordBytes(result);
    }

    /** Up to {@code maxLength} bytes, about half of them drawn from {@code favoured}, the rest any value. */
    public byte[] bytes(int maxLength, byte... favoured) {
        byte[] bytes = new byte[length(maxLength)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? favoured[random.nextInt(favoured.length)] : (byte) random.nextInt(256);
        }
        return recordBytes(bytes);
    }

    /** Up to {@code maxLength} characters from {@code [from, to]}, plus any of {@code extra}. */
    public String chars(int maxLength, char from, char to, String extra) {
        int length = length(maxLength);
        int range = to - from + 1;
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(range + extra.length());
            text.append(pick < range ? (char) (from + pick) : extra.charAt(pick - range));
        }
        return recordText(text.toString());
    }

    /** Up to {@code maxLength} characters, each one of {@code alphabet}. */
    public String chars(int maxLength, String alphabet) {
        int length = length(maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return recordText(text.toString());
    }

    /**
     * Unicode text without lone surrogates: mostly any BMP character (controls included), with characters from the
     * other planes mixed in, up to about {@code maxLength} UTF-16 units.
     */
    public String unicode(int maxLength) {
        int length = length(maxLength);
        StringBuilder text = new StringBuilder(length + 2);
        while (text.length() < length) {
            if (random.nextInt(20) == 0) {
                text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
            } else {
                char c = (char) random.nextInt(0x10000);
                text.append(Character.isSurrogate(c) ? 'x' : c);
            }
        }
        return recordText(text.toString());
    }

    /** What this case drew so far, abbreviated. */
    String drawn() {
        return drawn.isEmpty() ? "nothing" : String.join("; ", drawn);
    }

    /** 0, 1 and {@code max} a tenth of the time each (when they differ), otherwise uniform in {@code [0, max]}. */
    private int length(int max) {
        int roll = random.nextInt(10);
        return switch (roll) {
            case 0 -> 0;
            case 1 -> Math.min(1, max);
            case 2 -> max;
            default -> random.nextInt(max + 1);
        };
    }

    private <T> T record(String kind, T value) {
        drawn.add(kind + " = " + value);
        return value;
    }

    private byte[] recordBytes(byte[] bytes) {
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, SHOWN));
        drawn.add("bytes[" + bytes.length + "] = " + hex + (bytes.length > SHOWN ? " ..." : ""));
        return bytes;
    }

    private String recordText(String text) {
        String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        StringBuilder escaped = new StringBuilder();
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || Character.isSurrogate((char) cp)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                escaped.appendCodePoint(cp);
            }
        });
        drawn.add("text[" + text.length() + "] = \"" + escaped + "\"");
        return text;
    }
}
