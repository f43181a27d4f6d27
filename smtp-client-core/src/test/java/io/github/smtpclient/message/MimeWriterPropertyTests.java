package io.github.smtpclient.message;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.smtpclient.SmtpException;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of every message the writer produces, checked with Angus Mail as the independent parser. */
class MimeWriterPropertyTests {

    private static final MimeOptions[] OPTIONS = {
            MimeOptions.defaults(),
            MimeOptions.defaults().withEightBitMime(true),
            MimeOptions.defaults().withEightBitMime(true).withBinaryMime(true)};

    @Property(tries = 150)
    void unicodeHeadersAndBodiesRoundTrip(@ForAll("headerText") String subject, @ForAll("headerText") String name,
            @ForAll("text") String plain, @ForAll("text") String html, @ForAll("options") MimeOptions options)
            throws Exception {
        Assume.that(!name.isBlank() && name.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t'));
        MailMessage message = MailMessage.builder().from(List.of(Mailbox.of(name, "from@example.com")))
                .to("to@example.com").subject(subject).header("X-Text", subject).plainText(plain).htmlText(html).build();
        MimeMessage parsed = Messages.parse(Messages.bytes(message, options));

        assertThat(parsed.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo(message.from().get(0).displayName().get());
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(
                parsed.getHeader("X-Text", null)))).isEqualTo(subject);
        Multipart alternative = (Multipart) parsed.getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(TextPart.canonical(plain));
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(TextPart.canonical(html));
    }

    @Property(tries = 100)
    void binaryAttachmentsRoundTrip(@ForAll byte[] data, @ForAll("fileName") String fileName,
            @ForAll("options") MimeOptions options) throws Exception {
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

    @Property(tries = 150)
    void linesStayWithin998AndEveryLineBreakIsCrlf(@ForAll("headerText") String subject, @ForAll("text") String plain,
            @ForAll byte[] data, @ForAll boolean eightBit) throws Exception {
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

    @Property(tries = 300)
    void noHeaderValueCanAddAHeader(@ForAll("hostile") String value) throws SmtpException {
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

    @Property(tries = 100)
    void hostileDisplayNamesCannotAddAHeaderEither(@ForAll("hostile") String name) throws SmtpException {
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

    @Provide
    Arbitrary<String> headerText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                unicode(200).filter(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars('\r', '\n', '\t').ofMaxLength(3000),
                unicode(2000));
    }

    @Provide
    Arbitrary<String> fileName() {
        return unicode(120).filter(s -> !s.isBlank() && s.chars().noneMatch(Character::isISOControl)
                && s.equals(s.strip()));
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().withChars("\r\nabc: Bcc=?\"\\<>@,;\t ü\u0000\u0085\u2028").ofMaxLength(40);
    }

    @Provide
    Arbitrary<MimeOptions> options() {
        return Arbitraries.of(OPTIONS);
    }

    /** Unicode strings without lone surrogates: any BMP character, with characters from the other planes mixed in. */
    private static Arbitrary<String> unicode(int maxLength) {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                .ofMaxLength(maxLength);
        Arbitrary<String> astral = Arbitraries.of("", "\ud83d\ude00", "\ud834\udd1e", "\ud83c\udf38\ud83c\udf38");
        return net.jqwik.api.Combinators.combine(bmp, astral, bmp.map(s -> s.substring(0, Math.min(s.length(), 20))))
                .as((a, b, c) -> a + b + c);
    }
}
