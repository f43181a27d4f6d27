package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.testing.Gen;
import io.github.smtpclient.testing.Property;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** Properties of every message the writer produces, checked with Angus Mail as the independent parser. */
class MimeWriterPropertyTests {

    private static final MimeOptions[] OPTIONS = {
            MimeOptions.defaults(),
            MimeOptions.defaults().withEightBitMime(true),
            MimeOptions.defaults().withEightBitMime(true).withBinaryMime(true)};

    @Test
    void unicodeHeadersAndBodiesRoundTrip() {
        Property.forAll(150, gen -> {
            String subject = headerText(gen);
            String name = headerText(gen);
            String plain = text(gen);
            String html = text(gen);
            MimeOptions options = gen.oneOf(OPTIONS);
            if (name.isBlank() || name.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                return;
            }
            unicodeHeadersAndBodiesRoundTrip(subject, name, plain, html, options);
        });
    }

    private static void unicodeHeadersAndBodiesRoundTrip(String subject, String name, String plain, String html,
            MimeOptions options) throws Exception {
        MailMessage message = MailMessage.builder().from(List.of(Mailbox.of(name, "from@example.com")))
                .to("to@example.com").subject(subject).header("X-Text", subject).plainText(plain).htmlText(html).build();
        MimeMessage parsed = Messages.parse(Messages.bytes(message, options));

        assertThat(parsed.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo(message.from().get(0).displayName().get());
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(
                parsed.getHeader("X-Text", null)))).isEqualTo(subject);
        Multipart alternative = (Multipart) parsed.getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(canonical(plain));
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(canonical(html));
    }

    @Test
    void textIsPutInCanonicalFormAsTheStringRulesSay() {
        Property.forAll(2000, gen -> {
            String text = gen.anyBoolean() ? gen.chars(200, "\r\n a\u00fc\u20ac") : text(gen);
            assertThat(new String(TextPart.canonical(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                    .isEqualTo(canonical(text));
        });
    }

    /** The rule by its definition: every CRLF, bare CR and bare LF becomes CRLF, and the text ends with one. */
    private static String canonical(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String crlf = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
    }

    @Test
    void binaryAttachmentsRoundTrip() {
        Property.forAll(100, gen -> binaryAttachmentsRoundTrip(gen.bytes(2000), fileName(gen), gen.oneOf(OPTIONS)));
    }

    private static void binaryAttachmentsRoundTrip(byte[] data, String fileName, MimeOptions options)
            throws Exception {
        MailMessage message = MailMessage.builder().from("a@example.com").to("b@example.com").plainText("see attachment")
                .attach(Attachment.fromBytes(fileName, data))
                .attach(Attachment.fromStream("streamed.bin", () -> new ByteArrayInputStream(data)))
                .build();
        Multipart mixed = (Multipart) Messages.parse(Messages.bytes(message, options)).getContent();
        BodyPart attached = mixed.getBodyPart(1);
        assertThat(attached.getFileName()).isEqualTo(fileName);
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(data);
        assertThat(mixed.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(data);
    }

    @Test
    void linesStayWithin998AndEveryLineBreakIsCrlf() {
        Property.forAll(150, gen -> linesStayWithin998AndEveryLineBreakIsCrlf(headerText(gen), text(gen),
                gen.bytes(3000, (byte) '\r', (byte) '\n', (byte) 0, (byte) ' '), gen.anyBoolean()));
    }

    private static void linesStayWithin998AndEveryLineBreakIsCrlf(String subject, String plain, byte[] data,
            boolean eightBit) throws Exception {
        MimeOptions options = MimeOptions.defaults().withEightBitMime(eightBit);
        MailMessage message = MailMessage.builder().from("a@example.com").to("b@example.com").subject(subject)
                .plainText(plain).attach(Attachment.fromBytes("t.txt", data).withContentType("text/plain")).build();
        PreparedMessage prepared = MimeWriter.prepare(message, options);
        byte[] bytes = Messages.bytes(prepared);

        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d is followed by LF", i).isTrue();
            }
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("LF at %d follows CR", i).isTrue();
            }
            if (!eightBit) {
                assertThat(bytes[i]).as("byte at %d is 7-bit", i).isNotNegative();
            }
            assertThat(bytes[i]).as("byte at %d is not NUL", i).isNotZero();
        }
        assertThat(Messages.lines(bytes)).allSatisfy(line -> assertThat(line.length).isLessThanOrEqualTo(998));
        assertThat(bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n').isTrue();
        if (prepared.bodyType() == BodyType.SEVEN_BIT) {
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).matches("\\p{ASCII}*+");
        }
    }

    @Test
    void noHeaderValueCanAddAHeader() {
        Property.forAll(300, gen -> noHeaderValueCanAddAHeader(hostile(gen)));
    }

    private static void noHeaderValueCanAddAHeader(String value) throws Exception {
        MailMessage message;
        try {
            message = MailMessage.builder().from("a@example.com").to("b@example.com").subject(value)
                    .comments(value).keywords(value).mailer(value).header("X-Value", value).build();
        } catch (IllegalArgumentException rejected) {
            assertThat(value).containsAnyOf("\r", "\n");
            return;
        }
        byte[] bytes = Messages.bytes(message, MimeOptions.defaults());
        Set<String> expected = new TreeSet<>(Set.of("Date", "From", "To", "Message-ID", "Subject", "Comments",
                "X-Mailer", "X-Value", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"));
        if (!value.isBlank()) {
            expected.add("Keywords");
        }
        assertThat(headerNames(Messages.header(bytes))).isEqualTo(expected);
    }

    @Test
    void hostileDisplayNamesCannotAddAHeaderEither() {
        Property.forAll(100, gen -> hostileDisplayNamesCannotAddAHeaderEither(hostile(gen)));
    }

    private static void hostileDisplayNamesCannotAddAHeaderEither(String name) throws Exception {
        Mailbox mailbox;
        try {
            mailbox = Mailbox.of(name, "x@example.com");
        } catch (IllegalArgumentException rejected) {
            return;
        }
        byte[] bytes = Messages.bytes(MailMessage.builder().from(List.of(mailbox)).to(List.of(mailbox)).build(),
                MimeOptions.defaults());
        assertThat(headerNames(Messages.header(bytes))).containsExactlyInAnyOrder("Date", "From", "To", "Message-ID",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding");
    }

    private static Set<String> headerNames(String header) {
        Set<String> names = new TreeSet<>();
        List<String> lines = new ArrayList<>(List.of(header.split("\r\n")));
        for (String line : lines) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }

    /** Printable ASCII, or Unicode without line breaks. */
    private static String headerText(Gen gen) {
        if (gen.anyBoolean()) {
            return gen.chars(200, ' ', '~', "");
        }
        return gen.unicode(200).replace('\r', ' ').replace('\n', ' ');
    }

    /** Printable ASCII with line breaks and tabs, or any Unicode. */
    private static String text(Gen gen) {
        return gen.anyBoolean() ? gen.chars(3000, ' ', '~', "\r\n\t") : gen.unicode(2000);
    }

    /** A file name: Unicode without controls or surrounding white space, never blank. */
    private static String fileName(Gen gen) {
        StringBuilder name = new StringBuilder();
        gen.unicode(120).codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(name::appendCodePoint);
        String stripped = name.toString().strip();
        return stripped.isEmpty() ? "file.bin" : stripped;
    }

    private static String hostile(Gen gen) {
        return gen.chars(40, "\r\nabc: Bcc=?\"\\<>@,;\t \u00fc\u0000\u0085\u2028");
    }
}
