package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.Envelope;
import io.github.smtpclient.Envelope.DsnNotify;
import io.github.smtpclient.Envelope.DsnReturn;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.message.DsnOptions;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.TlsMode;

/**
 * DSN (RFC 3461) against the real Postfix of the test bed, which offers DSN: it accepts the MAIL and RCPT parameters
 * of composed and raw messages, and for NOTIFY=SUCCESS it reports the delivery to the local mailbox with a DSN to
 * the envelope sender (the second test user), which quotes the ENVID and ORCPT back and, for RET=HDRS, only the
 * message's header.
 */
@EnabledIfPostfixTestbed
class DsnInteropTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);

    private static SmtpClient plainClient() {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.tls().setMode(TlsMode.NONE);
        client.socket().setTimeout(Duration.ofSeconds(30));
        return client;
    }

    @Test
    void aComposedMessagesDsnOptionsAreAcceptedAndPostfixReportsTheDelivery(PostfixTestbed testbed) throws Exception {
        String envelopeId = "envid+" + UUID.randomUUID();
        String original = "first+" + UUID.randomUUID() + "@example.test";
        String body = "body-" + UUID.randomUUID();
        MailMessage mail = MailMessage.builder().from(testbed.secondUser()).to(testbed.user()).subject("dsn")
                .plainText(body).dsn(DsnOptions.notifying(DsnNotify.SUCCESS, DsnNotify.FAILURE)
                        .withOriginalRecipient(testbed.user(), original).withReturn(DsnReturn.HDRS)
                        .withEnvelopeId(envelopeId)).build();
        SendResult result;
        try (SmtpClient client = plainClient()) {
            client.connect(testbed.host(), testbed.plainPort());
            assertThat(client.getServerInfo().isDsnSupported()).isTrue();
            result = client.sendMessage(mail);
        }
        assertThat(result.downgrades()).isEmpty();
        String messageId = result.messageId().orElseThrow();
        testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);

        String report = testbed.awaitDelivery(testbed.secondUser(), envelopeId, DELIVERY_TIMEOUT).contentAsString();
        assertThat(report).contains("report-type=delivery-status")
                .contains("Original-Envelope-Id: " + envelopeId)
                .contains("Original-Recipient: rfc822;" + original)
                .contains("Final-Recipient: rfc822; " + testbed.user())
                .contains("Action: delivered")
                .contains("Content-Type: text/rfc822-headers")
                .contains(messageId)
                .doesNotContain(body);
    }

    /** The reference's MsgDeliveryReceipt asks for NOTIFY=SUCCESS,FAILURE,DELAY, so a delivery is reported too. */
    @Test
    void aDeliveryReceiptGetsASuccessReport(PostfixTestbed testbed) throws Exception {
        MailMessage mail = MailMessage.builder().from(testbed.secondUser()).to(testbed.user()).subject("receipt")
                .plainText("receipt").deliveryReceipt(true).build();
        String messageId;
        try (SmtpClient client = plainClient()) {
            client.connect(testbed.host(), testbed.plainPort());
            messageId = client.sendMessage(mail).messageId().orElseThrow();
        }
        String report = testbed.awaitDelivery(testbed.secondUser(), messageId, DELIVERY_TIMEOUT).contentAsString();
        assertThat(report).contains("report-type=delivery-status").contains("Action: delivered");
    }

    @Test
    void aRawMessagesEnvelopeDsnParametersAreAccepted(PostfixTestbed testbed) throws Exception {
        String envelopeId = "raw-" + UUID.randomUUID();
        String messageId = "<" + UUID.randomUUID() + "@client.example.test>";
        byte[] raw = ("From: " + testbed.secondUser() + "\r\nTo: " + testbed.user() + "\r\nMessage-ID: " + messageId
                + "\r\nSubject: raw dsn\r\n\r\nraw\r\n").getBytes(StandardCharsets.US_ASCII);
        Envelope envelope = Envelope.builder().sender(testbed.secondUser())
                .recipient(new Envelope.Recipient(testbed.user(), Set.of(DsnNotify.SUCCESS), null))
                .dsnReturn(DsnReturn.FULL).envelopeId(envelopeId).build();
        try (SmtpClient client = plainClient()) {
            client.connect(testbed.host(), testbed.plainPort());
            client.sendBytes(envelope, raw);
        }
        String report = testbed.awaitDelivery(testbed.secondUser(), envelopeId, DELIVERY_TIMEOUT).contentAsString();
        assertThat(report).contains("Original-Envelope-Id: " + envelopeId).contains("Action: delivered");
    }
}
