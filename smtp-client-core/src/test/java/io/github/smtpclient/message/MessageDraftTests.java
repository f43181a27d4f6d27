package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MessageDraftTests {

    private static final Pattern BOUNDARY = Pattern.compile("=_[0-9a-f]{32}");

    @Test
    void draftAndBuilderGiveTheSameBytes() throws Exception {
        ZonedDateTime date = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        Attachment file = Attachment.fromBytes("a.txt", "x".getBytes(StandardCharsets.US_ASCII));
        Attachment logo = Attachment.fromBytes("logo.png", new byte[] {1, 2}).withContentId("logo");

        MessageDraft draft = new MessageDraft();
        draft.setFrom("Alice <alice@example.com>");
        draft.setSender("sender@example.com");
        draft.setSendTo("bob@example.com, Carol <carol@example.com>");
        draft.setCc("dave@example.com");
        draft.setBcc("eve@example.com");
        draft.setReplyTo("replies@example.com");
        draft.setReturnPath("bounce@example.com");
        draft.setSubject("Grüße");
        draft.setDate(date);
        draft.setMessageId("<id@example.com>");
        draft.setInReplyTo("<p@example.com>");
        draft.setReferences("<r@example.com> <p@example.com>");
        draft.setKeywords("one, two");
        draft.setComments("comment");
        draft.setMailer("mailer");
        draft.setPriority(Priority.LOW);
        draft.setReadReceipt(true);
        draft.setDeliveryReceipt(true);
        draft.setPlainText("plain");
        draft.setHtmlText("<img src=cid:logo>");
        draft.addAttachment(file);
        draft.addInlineImage(logo);
        draft.addHeader("X-Extra", "extra");

        MailMessage built = MailMessage.builder()
                .from("Alice <alice@example.com>").sender("sender@example.com")
                .to("bob@example.com", "Carol <carol@example.com>").cc("dave@example.com").bcc("eve@example.com")
                .replyTo("replies@example.com").returnPath("bounce@example.com").subject("Grüße").date(date)
                .messageId("id@example.com").inReplyTo("<p@example.com>").references("<r@example.com>, <p@example.com>")
                .keywords("one", "two").comments("comment").mailer("mailer").priority(Priority.LOW)
                .readReceipt(true).deliveryReceipt(true).plainText("plain").htmlText("<img src=cid:logo>")
                .attach(file).inline(logo).header("X-Extra", "extra").build();

        MimeOptions options = MimeOptions.defaults().withDsn(true);
        PreparedMessage fromDraft = MimeWriter.prepare(draft.toMailMessage(), options);
        PreparedMessage fromBuilder = MimeWriter.prepare(built, options);
        assertThat(withNumberedBoundaries(Messages.bytes(fromDraft))).isEqualTo(withNumberedBoundaries(Messages.bytes(fromBuilder)));
        assertThat(fromDraft.envelope().toString()).isEqualTo(fromBuilder.envelope().toString());
        assertThat(draft.getAttachmentCount()).isEqualTo(1);
    }

    @Test
    void gettersReturnTheReferenceStyleStrings() {
        MessageDraft draft = new MessageDraft();
        assertThat(draft.getFrom()).isEmpty();
        assertThat(draft.getSubject()).isEmpty();
        draft.setSendTo("\"Doe, John\" <john@example.com>,bob@example.com");
        draft.setKeywords("a, b ,c");
        draft.setInReplyTo("x@example.com");
        assertThat(draft.getSendTo()).isEqualTo("\"Doe, John\" <john@example.com>, bob@example.com");
        assertThat(draft.getKeywords()).isEqualTo("a, b, c");
        assertThat(draft.getInReplyTo()).isEqualTo("<x@example.com>");
        draft.setSendTo("");
        assertThat(draft.getSendTo()).isEmpty();
        draft.clear();
        assertThat(draft.getKeywords()).isEmpty();
    }

    @Test
    void settersRejectBadValuesAtOnce() {
        MessageDraft draft = new MessageDraft();
        assertThatIllegalArgumentException().isThrownBy(() -> draft.setSendTo("good@example.com, bad@"))
                .withMessageContaining("bad@");
        assertThatIllegalArgumentException().isThrownBy(() -> draft.setSubject("a\r\nb"));
        assertThat(draft.getSendTo()).isEmpty();
    }

    private static String withNumberedBoundaries(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> numbers = new LinkedHashMap<>();
        Matcher matcher = BOUNDARY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String number = numbers.computeIfAbsent(matcher.group(), b -> "BOUNDARY" + numbers.size());
            matcher.appendReplacement(out, number);
        }
        return matcher.appendTail(out).toString();
    }
}
