package io.github.smtpclient.message;

import java.util.Random;
import jakarta.mail.internet.MimeBodyPart;
import java.io.OutputStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.Envelope.DsnNotify;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

class MimeWriterTests {

    private static final MimeOptions SEVEN_BIT = MimeOptions.defaults().withDomain("client.example.test");

    private static MailMessage.Builder basic() {
        return MailMessage.builder().from("alice@example.com").to("bob@example.com");
    }

    @Test
    void plainTextAloneIsOneTextPart() throws Exception {
        MimeMessage parsed = Messages.parse(Messages.bytes(basic().plainText("Hello\nWorld").build(), SEVEN_BIT));
        assertThat(parsed.getContentType()).isEqualToIgnoringCase("text/plain; charset=\"UTF-8\"");
        assertThat(parsed.getEncoding()).isEqualTo("7bit");
        assertThat(parsed.getContent()).isEqualTo("Hello\r\nWorld\r\n");
        assertThat(parsed.getHeader("MIME-Version", null)).isEqualTo("1.0");
    }

    @Test
    void theSameMessageSentToServersOfDifferentKindsIsEncodedForEach() throws Exception {
        MailMessage message = basic().plainText("Grüße aus Köln").build();
        MimeOptions eightBit = SEVEN_BIT.withEightBitMime(true);
        for (MimeOptions options : new MimeOptions[] {eightBit, SEVEN_BIT, eightBit, SEVEN_BIT.withBinaryMime(true)}) {
            MimeMessage parsed = Messages.parse(Messages.bytes(message, options));
            assertThat(parsed.getEncoding()).as("encoding with %s", options)
                    .isEqualTo(options.binaryMime() ? "binary" : options.eightBitMime() ? "8bit" : "quoted-printable");
            assertThat(parsed.getContent()).isEqualTo("Grüße aus Köln\r\n");
        }
    }

    @Test
    void theSameMessageSentAgainReadsItsFileAttachmentAfresh(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.bin");
        Files.write(file, new byte[] {1, 2, 3});
        MailMessage message = basic().plainText("see attached").attach(Attachment.fromFile(file)).build();
        Messages.bytes(message, SEVEN_BIT);
        byte[] grown = new byte[5000];
        new Random(7).nextBytes(grown);
        Files.write(file, grown);

        PreparedMessage again = MimeWriter.prepare(message, SEVEN_BIT);
        byte[] bytes = Messages.bytes(again);
        assertThat(again.size()).hasValue(bytes.length);
        Multipart mixed = (Multipart) Messages.parse(bytes).getContent();
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(grown);
    }

    @Test
    void plainAndHtmlMakeAlternative() throws Exception {
        MimeMessage parsed = Messages.parse(Messages.bytes(basic().plainText("plain").htmlText("<b>html</b>").build(), SEVEN_BIT));
        Multipart alternative = (Multipart) parsed.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("plain\r\n");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<b>html</b>\r\n");
    }

    @Test
    void htmlWithInlineImagesIsRelatedInsideAlternativeAndAttachmentsAreMixed() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        byte[] pdf = new byte[1000];
        new Random(1).nextBytes(pdf);
        MailMessage message = basic().plainText("text").htmlText("<img src=\"cid:logo@x\">")
                .inline(Attachment.fromBytes("logo.png", png).withContentId("logo@x"))
                .attach(Attachment.fromBytes("Bericht für März — ein sehr langer Dateiname, der umbrochen wird.pdf", pdf))
                .attach(Attachment.fromBytes("notes.txt", "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII)))
                .build();
        MimeMessage parsed = Messages.parse(Messages.bytes(message, SEVEN_BIT));

        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(3);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("text\r\n");
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
        BodyPart image = related.getBodyPart(1);
        assertThat(image.getHeader("Content-ID")).containsExactly("<logo@x>");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getContentType()).startsWith("image/png");
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(png);

        BodyPart report = mixed.getBodyPart(1);
        assertThat(report.getDisposition()).isEqualTo("attachment");
        assertThat(report.getFileName()).isEqualTo("Bericht für März — ein sehr langer Dateiname, der umbrochen wird.pdf");
        assertThat(report.getContentType()).startsWith("application/pdf");
        assertThat(report.getInputStream().readAllBytes()).isEqualTo(pdf);
        assertThat(((MimeBodyPart) report).getEncoding()).isEqualTo("base64");

        BodyPart notes = mixed.getBodyPart(2);
        assertThat(((MimeBodyPart) notes).getEncoding()).isEqualTo("7bit");
        assertThat(notes.getInputStream().readAllBytes()).isEqualTo("a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(message.attachments()).hasSize(2);
    }

    @Test
    void inlineImagesWithoutHtmlAreAttached() throws Exception {
        MailMessage message = basic().plainText("text")
                .inline(Attachment.fromBytes("logo.png", new byte[] {1}).withContentId("logo")).build();
        Multipart mixed = (Multipart) Messages.parse(Messages.bytes(message, SEVEN_BIT)).getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getBodyPart(1).getDisposition()).isEqualTo("inline");
    }

    @Test
    void emptyMessageHasEmptyTextBody() throws Exception {
        MimeMessage parsed = Messages.parse(Messages.bytes(basic().build(), SEVEN_BIT));
        assertThat(parsed.getContentType()).startsWith("text/plain");
        assertThat(parsed.getContent()).isEqualTo("");
    }

    @Test
    void everyHeaderFieldRoundTrips() throws Exception {
        ZonedDateTime date = ZonedDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneId.of("Europe/Berlin"));
        MailMessage message = MailMessage.builder()
                .from("Jörg Müller <joerg@example.com>", "Zoë <zoe@example.com>")
                .sender("\"Office, Main\" <office@example.com>")
                .replyTo("replies@example.com")
                .to("\"Doe, John\" <john@example.com>, 山田太郎 <yamada@example.jp>")
                .cc("carol@example.com")
                .subject("Grüße — a subject long enough to be folded over more than one line of the header, 日本語")
                .date(date)
                .messageId("unique.123@example.com")
                .inReplyTo("<parent@example.com>")
                .references("<root@example.com> <parent@example.com>")
                .keywords("alpha", "beta, gamma", "Ünïcode")
                .comments("a comment ½")
                .mailer("smtp-client 1.0")
                .priority(Priority.HIGHEST)
                .readReceipt(true)
                .header("X-Campaign", "spring 🌸 sale")
                .plainText("body")
                .build();
        byte[] bytes = Messages.bytes(message, SEVEN_BIT);
        MimeMessage parsed = Messages.parse(bytes);

        assertThat(parsed.getFrom()).extracting(a -> ((InternetAddress) a).getPersonal())
                .containsExactly("Jörg Müller", "Zoë");
        assertThat(((InternetAddress) parsed.getSender()).getAddress()).isEqualTo("office@example.com");
        assertThat(((InternetAddress) parsed.getSender()).getPersonal()).isEqualTo("Office, Main");
        assertThat(parsed.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("replies@example.com");
        assertThat(parsed.getRecipients(RecipientType.TO)).extracting(a -> ((InternetAddress) a).getPersonal())
                .containsExactly("Doe, John", "山田太郎");
        assertThat(parsed.getRecipients(RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("carol@example.com");
        assertThat(parsed.getSubject()).isEqualTo(message.subject().get());
        assertThat(parsed.getSentDate()).isEqualTo(Date.from(date.toInstant()));
        assertThat(parsed.getMessageID()).isEqualTo("<unique.123@example.com>");
        assertThat(parsed.getHeader("In-Reply-To", null)).isEqualTo("<parent@example.com>");
        assertThat(MimeUtility.unfold(parsed.getHeader("References", null))).isEqualTo("<root@example.com> <parent@example.com>");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("Keywords", null))))
                .isEqualTo("alpha, \"beta, gamma\", Ünïcode");
        assertThat(MimeUtility.decodeText(parsed.getHeader("Comments", null))).isEqualTo("a comment ½");
        assertThat(parsed.getHeader("X-Mailer", null)).isEqualTo("smtp-client 1.0");
        assertThat(parsed.getHeader("X-Priority", null)).isEqualTo("1 (Highest)");
        assertThat(parsed.getHeader("Importance", null)).isEqualTo("high");
        assertThat(parsed.getHeader("Priority", null)).isEqualTo("urgent");
        assertThat(InternetAddress.parseHeader(parsed.getHeader("Disposition-Notification-To", null), true))
                .extracting(InternetAddress::getAddress).containsExactly("joerg@example.com");
        assertThat(MimeUtility.decodeText(parsed.getHeader("X-Campaign", null))).isEqualTo("spring 🌸 sale");
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(Messages.header(bytes)).startsWith("Date: Thu, 29 Feb 2024 13:14:15 +0100\r\n");
    }

    @Test
    void headerLinesAreFoldedAt78() throws Exception {
        MailMessage message = basic()
                .to("one@example.com, two@example.com, three@example.com, four@example.com, five@example.com")
                .subject("word ".repeat(40).strip())
                .header("X-Unicode", "ü".repeat(100))
                .build();
        byte[] bytes = Messages.bytes(message, SEVEN_BIT);
        assertThat(Messages.header(bytes).split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(Messages.parse(bytes).getSubject()).isEqualTo(message.subject().get());
    }

    @Test
    void bccRecipientsAreInTheEnvelopeButNeverWritten() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().cc("carol@example.com").bcc("Secret <hidden@example.com>").build(), SEVEN_BIT);
        assertThat(prepared.envelope().recipients()).extracting(Envelope.Recipient::address)
                .containsExactly("bob@example.com", "carol@example.com", "hidden@example.com");
        assertThat(new String(Messages.bytes(prepared), StandardCharsets.UTF_8)).doesNotContain("hidden").doesNotContainIgnoringCase("bcc");
    }

    @Test
    void onlyBccRecipientsGiveUndisclosedRecipients() throws Exception {
        byte[] bytes = Messages.bytes(MailMessage.builder().from("a@example.com").bcc("b@example.com").build(), SEVEN_BIT);
        assertThat(Messages.header(bytes)).contains("To: undisclosed-recipients:;\r\n");
        InternetAddress group = (InternetAddress) Messages.parse(bytes).getRecipients(RecipientType.TO)[0];
        assertThat(group.isGroup()).isTrue();
        assertThat(group.getGroup(true)).isEmpty();
    }

    @Test
    void envelopeSenderIsReturnPathThenSenderThenFirstFrom() throws Exception {
        assertThat(MimeWriter.prepare(basic().build(), SEVEN_BIT).envelope().sender()).isEqualTo("alice@example.com");
        assertThat(MimeWriter.prepare(basic().sender("s@example.com").build(), SEVEN_BIT).envelope().sender())
                .isEqualTo("s@example.com");
        PreparedMessage withReturnPath = MimeWriter.prepare(basic().sender("s@example.com").returnPath("bounce@example.com").build(), SEVEN_BIT);
        assertThat(withReturnPath.envelope().sender()).isEqualTo("bounce@example.com");
        assertThat(new String(Messages.bytes(withReturnPath), StandardCharsets.UTF_8)).doesNotContain("Return-Path");
    }

    @Test
    void envelopeRecipientsAreDeduplicatedIgnoringCase() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().cc("BOB@example.com").bcc("bob@EXAMPLE.com").build(), SEVEN_BIT);
        assertThat(prepared.envelope().recipients()).extracting(Envelope.Recipient::address).containsExactly("bob@example.com");
    }

    @Test
    void deliveryReceiptRequestsDsnWhenTheServerOffersIt() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().cc("c@example.com").deliveryReceipt(true).build(), SEVEN_BIT.withDsn(true));
        assertThat(prepared.envelope().recipients()).allSatisfy(r -> assertThat(r.dsnNotify())
                .isEqualTo(Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY)));
        assertThat(prepared.deliveryReceiptUnavailable()).isFalse();
    }

    @Test
    void deliveryReceiptWithoutDsnIsReportedUnavailable() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().deliveryReceipt(true).build(), SEVEN_BIT);
        // The envelope keeps the receipt's NOTIFY; the engine leaves it out for a server without DSN and, since a
        // receipt alone is never required, only notifies (EnvelopeDsnTests).
        assertThat(prepared.envelope().requestsDsn()).isTrue();
        assertThat(prepared.envelope().dsnRequired()).contains(false);
        assertThat(prepared.deliveryReceiptUnavailable()).isTrue();
        assertThat(MimeWriter.prepare(basic().build(), SEVEN_BIT).deliveryReceiptUnavailable()).isFalse();
    }

    @Test
    void messageIdAndDateAreGeneratedWhenUnset() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);
        PreparedMessage prepared = MimeWriter.prepare(basic().build(), SEVEN_BIT.withClock(clock));
        MimeMessage parsed = Messages.parse(Messages.bytes(prepared));
        assertThat(prepared.messageId()).matches("<[0-9a-z]+\\.[0-9a-f]{32}@client\\.example\\.test>");
        assertThat(parsed.getMessageID()).isEqualTo(prepared.messageId());
        assertThat(parsed.getSentDate()).isEqualTo(Date.from(clock.instant()));
        assertThat(MimeWriter.prepare(basic().build(), SEVEN_BIT).messageId()).isNotEqualTo(prepared.messageId());
    }

    @Test
    void nonAsciiTextIsQuotedPrintableWithout8BitMime() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText("Viele Grüße aus Köln").build(), SEVEN_BIT);
        assertThat(prepared.bodyType()).isEqualTo(BodyType.SEVEN_BIT);
        MimeMessage parsed = Messages.parse(Messages.bytes(prepared));
        assertThat(parsed.getEncoding()).isEqualTo("quoted-printable");
        assertThat(parsed.getContent()).isEqualTo("Viele Grüße aus Köln\r\n");
        assertThat(new String(Messages.bytes(prepared), StandardCharsets.ISO_8859_1)).matches("\\p{ASCII}*");
    }

    @Test
    void mostlyNonAsciiTextIsBase64Without8BitMime() throws Exception {
        MimeMessage parsed = Messages.parse(Messages.bytes(basic().plainText("日本語のテキストです").build(), SEVEN_BIT));
        assertThat(parsed.getEncoding()).isEqualTo("base64");
        assertThat(parsed.getContent()).isEqualTo("日本語のテキストです\r\n");
    }

    @Test
    void nonAsciiTextIs8BitWhenOffered() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText("Grüße").build(), SEVEN_BIT.withEightBitMime(true));
        assertThat(prepared.bodyType()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        MimeMessage parsed = Messages.parse(Messages.bytes(prepared));
        assertThat(parsed.getEncoding()).isEqualTo("8bit");
        assertThat(parsed.getContent()).isEqualTo("Grüße\r\n");
    }

    @Test
    void asciiTextStaysSevenBitEvenWhen8BitIsOffered() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText("plain").build(), SEVEN_BIT.withEightBitMime(true));
        assertThat(prepared.bodyType()).isEqualTo(BodyType.SEVEN_BIT);
    }

    @Test
    void overlongLinesAreQuotedPrintableEvenWith8BitMime() throws Exception {
        String longLine = "x".repeat(5000);
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText(longLine).build(), SEVEN_BIT.withEightBitMime(true));
        assertThat(prepared.bodyType()).isEqualTo(BodyType.SEVEN_BIT);
        byte[] bytes = Messages.bytes(prepared);
        assertThat(Messages.lines(bytes)).allSatisfy(line -> assertThat(line.length).isLessThanOrEqualTo(76));
        assertThat(Messages.parse(bytes).getContent()).isEqualTo(longLine + "\r\n");
    }

    @Test
    void attachmentsAreBinaryWhenBinaryMimeIsOffered() throws Exception {
        byte[] data = new byte[300];
        new Random(2).nextBytes(data);
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText("x").attach(Attachment.fromBytes("d.bin", data)).build(),
                SEVEN_BIT.withEightBitMime(true).withBinaryMime(true));
        assertThat(prepared.bodyType()).isEqualTo(BodyType.BINARY_MIME);
        BodyPart part = ((Multipart) Messages.parse(Messages.bytes(prepared)).getContent()).getBodyPart(1);
        assertThat(((MimeBodyPart) part).getEncoding()).isEqualTo("binary");
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(data);
    }

    @Test
    void internationalDomainIsPunycodedWithoutSmtpUtf8() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(MailMessage.builder().from("a@bücher.example").to("b@例え.jp").build(), SEVEN_BIT);
        assertThat(prepared.needsSmtpUtf8()).isFalse();
        assertThat(prepared.envelope().sender()).isEqualTo("a@xn--bcher-kva.example");
        assertThat(prepared.envelope().recipients().get(0).address()).isEqualTo("b@xn--r8jz45g.jp");
        assertThat(Messages.header(Messages.bytes(prepared))).contains("From: a@xn--bcher-kva.example\r\n");
    }

    @Test
    void internationalAddressesStayUtf8WithSmtpUtf8() throws Exception {
        PreparedMessage prepared = MimeWriter.prepare(MailMessage.builder().from("jörg@bücher.example").to("b@example.com").build(),
                SEVEN_BIT.withSmtpUtf8(true).withEightBitMime(true));
        assertThat(prepared.needsSmtpUtf8()).isTrue();
        assertThat(prepared.bodyType()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(prepared.envelope().sender()).isEqualTo("jörg@bücher.example");
        assertThat(Messages.header(Messages.bytes(prepared))).contains("From: jörg@bücher.example\r\n");
    }

    @Test
    void nonAsciiLocalPartWithoutSmtpUtf8FailsBeforeAnyByte() {
        assertThatThrownBy(() -> MimeWriter.prepare(MailMessage.builder().from("a@example.com").to("jörg@example.com").build(), SEVEN_BIT))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED))
                .hasMessageContaining("jörg@example.com").hasMessageContaining("SMTPUTF8");
    }

    @Test
    void missingFromOrRecipientIsInvalid() {
        assertThatThrownBy(() -> MimeWriter.prepare(MailMessage.builder().to("b@example.com").build(), SEVEN_BIT))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("no From");
        assertThatThrownBy(() -> MimeWriter.prepare(MailMessage.builder().from("a@example.com").build(), SEVEN_BIT))
                .isInstanceOf(SmtpException.class).hasMessageContaining("no recipient");
        assertThatThrownBy(() -> MimeWriter.prepare(basic().from("a@example.com, b@example.com").build(), SEVEN_BIT))
                .isInstanceOf(SmtpException.class).hasMessageContaining("Sender");
    }

    @Test
    void unreadableAttachmentFileFailsBeforeAnyByte(@TempDir Path dir) {
        MailMessage message = basic().attach(Attachment.fromFile(dir.resolve("missing.pdf"))).build();
        assertThatThrownBy(() -> MimeWriter.prepare(message, SEVEN_BIT))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("missing.pdf");
    }

    @Test
    void failingAttachmentSourceNamesTheAttachment() throws Exception {
        Attachment broken = Attachment.fromStream("broken.bin", () -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        });
        PreparedMessage prepared = MimeWriter.prepare(basic().attach(broken).build(), SEVEN_BIT);
        assertThatThrownBy(() -> prepared.writeTo(OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.IO_ERROR))
                .hasMessageContaining("broken.bin").hasMessageContaining("disk gone");
    }

    @Test
    void fileAttachmentIsReadFromDiskAndSizeIsExact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "a,b\nc,d\n");
        PreparedMessage prepared = MimeWriter.prepare(basic().plainText("see file").attach(Attachment.fromFile(file)).build(), SEVEN_BIT);
        byte[] bytes = Messages.bytes(prepared);
        assertThat(prepared.size()).hasValue(bytes.length);
        BodyPart part = ((Multipart) Messages.parse(bytes).getContent()).getBodyPart(1);
        assertThat(part.getFileName()).isEqualTo("data.csv");
        assertThat(part.getContentType()).startsWith("text/csv");
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void sizeIsExactForEveryEncodingAndUnknownForStreams() throws Exception {
        for (int n : new int[] {0, 1, 2, 3, 56, 57, 58, 114, 1000}) {
            MailMessage message = basic().plainText("Grüße ".repeat(n)).htmlText("<p>" + "x".repeat(n) + "</p>")
                    .attach(Attachment.fromBytes("f.bin", new byte[n])).build();
            for (MimeOptions options : new MimeOptions[] {SEVEN_BIT, SEVEN_BIT.withEightBitMime(true).withBinaryMime(true)}) {
                PreparedMessage prepared = MimeWriter.prepare(message, options);
                assertThat(prepared.size()).as("size for n=%d", n).hasValue(Messages.bytes(prepared).length);
            }
        }
        Attachment streamed = Attachment.fromStream("s.bin", () -> InputStream.nullInputStream());
        assertThat(MimeWriter.prepare(basic().attach(streamed).build(), SEVEN_BIT).size()).isEmpty();
    }

    @Test
    void lineBreaksInHeaderValuesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> basic().subject("hi\r\nBcc: victim@example.com"))
                .withMessageContaining("Subject");
        assertThatIllegalArgumentException().isThrownBy(() -> basic().header("X-A", "v\nX-B: w"))
                .withMessageContaining("X-A");
        assertThatIllegalArgumentException().isThrownBy(() -> basic().to("Evil\r\n <e@example.com>"));
        assertThatIllegalArgumentException().isThrownBy(() -> basic().header("Bad Name", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> basic().header("Content-Type", "text/html"))
                .withMessageContaining("own fields");
        assertThatIllegalArgumentException().isThrownBy(() -> basic().messageId("no-at-sign"))
                .withMessageContaining("Message-ID");
    }

    @Test
    void textThatLooksLikeAnEncodedWordSurvives() throws Exception {
        String subject = "=?UTF-8?B?SGk=?= is literal";
        MimeMessage parsed = Messages.parse(Messages.bytes(basic().subject(subject).build(), SEVEN_BIT));
        assertThat(parsed.getSubject()).isEqualTo(subject);
    }
}
