package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.Envelope;
import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.SendOutcome;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.testing.Property;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;

/**
 * SmtpClient against a real Postfix with Dovecot SASL: every message is found again in the recipient's Maildir and
 * compared byte for byte with what was sent (in Postfix's stored form). Subclasses say where the test bed runs:
 * {@link PostfixInteropTests} (started by {@code scripts/testbed/start.sh}) or {@link PostfixContainerInteropTests}.
 */
abstract class PostfixInteropScenarios {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final String SENDER = "sender@client.example.test";

    /** The test bed every scenario runs against. */
    protected abstract PostfixTestbed testbed();

    static Stream<AuthMechanism> mechanismsOfferedAfterStarttls() {
        return Stream.of(AuthMechanism.PLAIN, AuthMechanism.LOGIN, AuthMechanism.CRAM_MD5, AuthMechanism.SCRAM_SHA_256);
    }

    @ParameterizedTest
    @MethodSource("mechanismsOfferedAfterStarttls")
    void messageSentAfterStarttlsAndAuthArrivesUnchanged(AuthMechanism mechanism) throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "STARTTLS + " + mechanism, "Hello over STARTTLS.\r\n");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, mechanism)) {
            client.connect(testbed.host(), testbed.starttlsPort());
            SendResult result = client.sendBytes(message);

            assertThat(result.isPartial()).isFalse();
            assertThat(result.messageId()).hasValueSatisfying(id -> assertThat(messageId).contains(id));
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
        assertSentOverTlsByAuthenticatedUser(delivered, testbed.user());
    }

    @Test
    void messageSentOverImplicitTlsWithAuthArrivesUnchanged() throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.secondUser(), "implicit TLS", "Hello over implicit TLS.\r\n");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.IMPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.implicitTlsPort());
            client.sendBytes(message);
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.secondUser(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
        assertSentOverTlsByAuthenticatedUser(delivered, testbed.user());
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void everyTlsEngineDeliversOverStarttlsAndOverImplicitTls(TlsEngine engine) throws IOException {
        PostfixTestbed testbed = testbed();
        for (TlsMode mode : List.of(TlsMode.EXPLICIT, TlsMode.IMPLICIT)) {
            String messageId = uniqueMessageId();
            byte[] message = message(messageId, testbed.user(), engine + " " + mode, "Hello over " + mode + ".\r\n");
            String protocol;
            try (SmtpClient client = authenticatingClient(testbed, mode, AuthMechanism.PLAIN)) {
                client.tls().setEngine(engine);
                client.connect(testbed.host(), mode == TlsMode.IMPLICIT ? testbed.implicitTlsPort()
                        : testbed.starttlsPort());
                ConnectionInfo info = client.getConnectionInfo().orElseThrow();
                assertThat(info.tls().orElseThrow().engine()).as(mode.name()).isEqualTo(engine);
                assertThat(info.isServerAuthenticated()).as(mode.name()).isTrue();
                protocol = info.tls().orElseThrow().protocol();
                client.sendBytes(message);
                client.disconnect();
            }

            DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
            assertThat(delivered.differenceFrom(message)).as(mode.name()).isEmpty();
            assertSentOverTlsByAuthenticatedUser(delivered, testbed.user());
            assertThat(delivered.received()).as(mode.name()).contains("using " + protocol + " with cipher");
        }
    }

    @Test
    void megabyteBodyWithLeadingDotsArrivesIntact() throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "1 MB with dots", dottedBody(1024 * 1024));

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message);
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
    }

    @Test
    void binaryModeSendsBdatChunksThatArriveUnchanged() throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "BDAT", dottedBody(300 * 1024));

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(true);
            client.transfer().setBinaryChunkSize(64 * 1024);
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThat(client.getServerInfo().isChunkingSupported()).isTrue();
            client.sendBytes(message);
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
    }

    @Test
    void aPipelinedBatchDeliversEveryMessage() throws IOException {
        PostfixTestbed testbed = testbed();
        List<MailMessage> batch = List.of("first", "second", "third").stream()
                .map(subject -> MailMessage.builder().from(SENDER).to(testbed.user()).subject(subject)
                        .plainText("one of three").build())
                .toList();
        List<SendOutcome> outcomes;
        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThat(client.getServerInfo().isPipeliningSupported()).isTrue();
            outcomes = client.sendMessages(batch);
            client.disconnect();
        }

        assertThat(outcomes).allMatch(SendOutcome::isSuccess);
        for (int i = 0; i < batch.size(); i++) {
            String messageId = outcomes.get(i).result().orElseThrow().messageId().orElseThrow();
            DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
            assertThat(delivered.contentAsString()).contains("Subject: " + batch.get(i).subject().orElseThrow());
        }
    }

    /**
     * Issue 12: a batch over BDAT, every message written without waiting for the replies of the ones before (Postfix
     * offers PIPELINING and CHUNKING). Message 2 goes only to a refused recipient, message 4 to a refused one and an
     * accepted one: every accepted message is delivered exactly once, the refused one not at all.
     */
    @Test
    void aBdatBatchPipelinedAcrossMessagesDeliversEachAcceptedMessageExactlyOnce() throws Exception {
        PostfixTestbed testbed = testbed();
        List<String> recipients = List.of(testbed.user(), testbed.rejectedRecipient(), testbed.secondUser(),
                testbed.user(), testbed.user(), testbed.secondUser());
        List<MailMessage> batch = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            String messageId = uniqueMessageId();
            messageIds.add(messageId);
            MailMessage.Builder builder = MailMessage.builder().from(SENDER).to(recipients.get(i))
                    .subject("batch " + (i + 1)).messageId(messageId).plainText("message " + (i + 1) + " of 6");
            if (i == 3) {
                builder.cc(testbed.rejectedRecipient());
            }
            batch.add(builder.build());
        }
        List<String> wire = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<SendOutcome> outcomes;
        try (SmtpClient client = new SmtpClient()) {
            client.setDomain("client.example.test");
            client.tls().setMode(TlsMode.NONE);
            client.socket().setTimeout(Duration.ofSeconds(30));
            client.setListener(new io.github.smtpclient.event.SmtpListener() {
                @Override
                public void command(io.github.smtpclient.event.CommandEvent event) {
                    wire.add("> " + event.line());
                }

                @Override
                public void commandReply(io.github.smtpclient.event.CommandReplyEvent event) {
                    wire.add("< " + event.command());
                }
            });
            client.connect(testbed.host(), testbed.plainPort());
            assertThat(client.getServerInfo().isChunkingSupported()).isTrue();
            outcomes = client.sendMessages(batch);
            client.disconnect();
        }

        assertThat(wire).noneMatch(line -> line.equals("> DATA"));
        assertThat(wire).anyMatch(line -> line.startsWith("> BDAT "));
        int lastMail = -1;
        for (int i = 0; i < wire.size(); i++) {
            lastMail = wire.get(i).startsWith("> MAIL") ? i : lastMail;
        }
        assertThat(lastMail).as("every MAIL written before the first reply to MAIL was read")
                .isLessThan(wire.indexOf(wire.stream().filter(line -> line.startsWith("< MAIL")).findFirst()
                        .orElseThrow()));
        assertThat(outcomes.get(1).failure().orElseThrow().errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED);
        SendResult partial = outcomes.get(3).result().orElseThrow();
        assertThat(partial.acceptedRecipients()).extracting(RecipientResult::address).containsExactly(testbed.user());
        assertThat(partial.rejectedRecipients()).extracting(RecipientResult::address)
                .containsExactly(testbed.rejectedRecipient());
        for (int i : new int[] {0, 2, 3, 4, 5}) {
            assertThat(outcomes.get(i).isSuccess()).as("message %d", i + 1).isTrue();
            testbed.awaitDelivery(recipients.get(i), messageIds.get(i), DELIVERY_TIMEOUT);
        }
        // Delivery is asynchronous: give a duplicate time to arrive before counting.
        Thread.sleep(500);
        for (int i : new int[] {0, 2, 3, 4, 5}) {
            assertThat(testbed.deliveries(null, messageIds.get(i))).as("copies of message %d", i + 1).isEqualTo(1);
        }
        assertThat(testbed.deliveries(null, messageIds.get(1))).isZero();
    }

    @Test
    void aComposedMessageWithHtmlAnInlineImageAndAnAttachmentArrivesAsComposed() throws Exception {
        PostfixTestbed testbed = testbed();
        byte[] image = new byte[5000];
        byte[] attachment = new byte[200_000];
        new java.util.Random(1).nextBytes(image);
        new java.util.Random(2).nextBytes(attachment);
        MailMessage mail = MailMessage.builder()
                .from(SENDER)
                .to(testbed.user())
                .subject("Gr\u00fc\u00dfe \u2014 composed")
                .plainText("Plain part\n.\nafter a lone dot")
                .htmlText("<p>HTML part</p><img src=\"cid:img\">")
                .inline(Attachment.fromBytes("img.png", image).withContentId("img"))
                .attach(Attachment.fromBytes("data \u00e9t\u00e9.bin", attachment))
                .build();
        String messageId;
        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.starttlsPort());
            messageId = client.sendMessage(mail).messageId().orElseThrow();
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(delivered.content()));
        assertThat(parsed.getSubject()).isEqualTo("Gr\u00fc\u00dfe \u2014 composed");
        jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) parsed.getContent();
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("data \u00e9t\u00e9.bin");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(attachment);
        jakarta.mail.Multipart alternative = (jakarta.mail.Multipart) mixed.getBodyPart(0).getContent();
        assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo("Plain part\n.\nafter a lone dot\n");
        jakarta.mail.Multipart related = (jakarta.mail.Multipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(image);
    }

    @Test
    void eightBitBodyArrivesUnchangedOverThePlainPortWithoutAuth() throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "8bit",
                "Gr\u00fc\u00dfe, \u00e7a va, \u65e5\u672c\u8a9e.\r\n");

        try (SmtpClient client = new SmtpClient()) {
            client.setDomain("client.example.test");
            client.tls().setMode(TlsMode.NONE);
            client.socket().setTimeout(Duration.ofSeconds(30));
            client.connect(testbed.host(), testbed.plainPort());
            client.sendBytes(message);
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(message)).isEmpty();
        assertThat(delivered.received()).doesNotContain("using TLS", "ESMTPSA");
    }

    @Test
    void refusedRecipientsAmongAcceptedOnesGiveAPartialResult() throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "partial", "Some recipients refuse this.\r\n");
        Envelope envelope = Envelope.of(testbed.user(), testbed.user(), testbed.rejectedRecipient(),
                testbed.deferredRecipient(), testbed.secondUser());

        SendResult result;
        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.starttlsPort());
            result = client.sendBytes(envelope, message);
            client.disconnect();
        }

        assertThat(result.isPartial()).isTrue();
        assertThat(result.acceptedRecipients()).extracting(RecipientResult::address)
                .containsExactly(testbed.user(), testbed.secondUser());
        assertThat(result.rejectedRecipients()).extracting(RecipientResult::address, r -> r.reply().code())
                .containsExactly(
                        tuple(testbed.rejectedRecipient(), 550),
                        tuple(testbed.deferredRecipient(), 450));
        for (String recipient : List.of(testbed.user(), testbed.secondUser())) {
            DeliveredMessage delivered = testbed.awaitDelivery(recipient, messageId, DELIVERY_TIMEOUT);
            assertThat(delivered.differenceFrom(message)).isEmpty();
        }
    }

    @Test
    void everyRecipientRefusedFailsWithAllRecipientsRejected() throws IOException {
        PostfixTestbed testbed = testbed();
        byte[] message = message(uniqueMessageId(), testbed.rejectedRecipient(), "refused", "Nobody takes this.\r\n");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.connect(testbed.host(), testbed.starttlsPort());

            assertThatExceptionOfType(SmtpException.class)
                    .isThrownBy(() -> client.sendBytes(Envelope.of(testbed.user(), testbed.rejectedRecipient()), message))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ALL_RECIPIENTS_REJECTED));
        }
    }

    @Test
    void wrongPasswordFailsWithAuthFailed() throws IOException {
        PostfixTestbed testbed = testbed();
        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.auth().setPassword("not-" + testbed.password());

            assertThatExceptionOfType(SmtpException.class)
                    .isThrownBy(() -> client.connect(testbed.host(), testbed.starttlsPort()))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.AUTH_FAILED));
        }
    }

    @ParameterizedTest(name = "binary mode {0}")
    @ValueSource(booleans = {false, true})
    void bareLineEndingsArriveAsCrlfLinesOverDataAndBdatAlike(boolean bdat) throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = message(messageId, testbed.user(), "bare line endings " + bdat,
                "bare CR\rbare LF\n.dot after LF\r\n\rCR LF reversed\n\rGr\u00fc\u00dfe\r\r\nlast line unended");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(bdat);
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThat(client.getServerInfo().isChunkingSupported()).isTrue();
            client.sendBytes(message);
            client.disconnect();
        }

        DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), messageId, DELIVERY_TIMEOUT);
        assertThat(delivered.differenceFrom(normalised(message))).isEmpty();
        assertThat(delivered.contentAsString()).doesNotContain("\r");
    }

    @Test
    void randomRawMessagesArriveExactlyAsTheDataRulesSayOverDataAndBdat() throws Exception {
        PostfixTestbed testbed = testbed();
        for (boolean bdat : new boolean[] {false, true}) {
            List<String> ids = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
                client.transfer().setBinaryMode(bdat);
                client.transfer().setBinaryChunkSize(1024);
                client.connect(testbed.host(), testbed.starttlsPort());
                Property.forAll(8, gen -> {
                    String messageId = uniqueMessageId();
                    byte[] message = message(messageId, testbed.user(), "random " + bdat, "");
                    byte[] body = gen.bytes(3000, (byte) '\r', (byte) '\n', (byte) '.', (byte) 0xC3, (byte) 'x');
                    byte[] whole = java.util.Arrays.copyOf(message, message.length + body.length);
                    System.arraycopy(withoutNulAndLongLines(body), 0, whole, message.length, body.length);
                    client.sendBytes(whole);
                    ids.add(messageId);
                    sent.add(whole);
                });
                client.disconnect();
            }
            for (int i = 0; i < ids.size(); i++) {
                DeliveredMessage delivered = testbed.awaitDelivery(testbed.user(), ids.get(i), DELIVERY_TIMEOUT);
                assertThat(delivered.differenceFrom(normalised(sent.get(i)))).as("BDAT %s, message %d", bdat, i)
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "binary mode {0}")
    @ValueSource(booleans = {false, true})
    void aBccBehindABareCrInARawHeaderIsDeliveredToButNotShown(boolean bdat) throws IOException {
        PostfixTestbed testbed = testbed();
        String messageId = uniqueMessageId();
        byte[] message = ("From: <" + SENDER + ">\r\nTo: <" + testbed.user() + ">\r\nMessage-ID: " + messageId
                + "\r\nSubject: hidden Bcc " + bdat + "\rBcc: <" + testbed.secondUser() + ">\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(bdat);
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message);
            client.disconnect();
        }

        for (String recipient : List.of(testbed.user(), testbed.secondUser())) {
            DeliveredMessage delivered = testbed.awaitDelivery(recipient, messageId, DELIVERY_TIMEOUT);
            assertThat(delivered.contentAsString()).contains("Subject: hidden Bcc " + bdat + "\n")
                    .doesNotContainIgnoringCase("bcc:").doesNotContain(testbed.secondUser());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NUL", "line over 998 octets"})
    void contentThatNeedsBinaryMimeIsRefusedBeforeMailAndTheConnectionGoesOn(String what) throws IOException {
        PostfixTestbed testbed = testbed();
        String refusedId = uniqueMessageId();
        String nextId = uniqueMessageId();
        byte[] refused = message(refusedId, testbed.user(), "refused", what.equals("NUL") ? "a\0b\r\n"
                : "y".repeat(999) + "\r\n");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(true);
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThat(client.getServerInfo().isBinarySupported()).as("Postfix offers BINARYMIME").isFalse();
            assertThatExceptionOfType(SmtpException.class).isThrownBy(() -> client.sendBytes(refused))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.EXTENSION_NOT_SUPPORTED));
            client.sendBytes(message(nextId, testbed.user(), "after the refusal", "fine\r\n"));
            client.disconnect();
        }

        testbed.awaitDelivery(testbed.user(), nextId, DELIVERY_TIMEOUT);
        assertThat(deliveredAnywhere(testbed, refusedId)).isFalse();
    }

    @ParameterizedTest(name = "binary mode {0}")
    @ValueSource(booleans = {false, true})
    void aStreamWithANulHalfWayIsAbandonedAndNeverDelivered(boolean bdat) throws IOException {
        PostfixTestbed testbed = testbed();
        String abandonedId = uniqueMessageId();
        String nextId = uniqueMessageId();
        byte[] abandoned = message(abandonedId, testbed.user(), "abandoned " + bdat,
                "clean line of text\r\n".repeat(20_000) + "NUL here: \0\r\nmore\r\n");

        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(bdat);
            client.transfer().setBinaryChunkSize(64 * 1024);
            client.connect(testbed.host(), testbed.starttlsPort());
            assertThatExceptionOfType(SmtpException.class)
                    .isThrownBy(() -> client.sendStream(new ByteArrayInputStream(abandoned)))
                    .satisfies(e -> {
                        assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.ILLEGAL_WIRE_VALUE);
                        assertThat(e.isOutcomeUnknown()).isFalse();
                    });
            assertThat(client.isConnected()).isFalse();
        }
        try (SmtpClient client = authenticatingClient(testbed, TlsMode.EXPLICIT, AuthMechanism.PLAIN)) {
            client.transfer().setBinaryMode(bdat);
            client.connect(testbed.host(), testbed.starttlsPort());
            client.sendBytes(message(nextId, testbed.user(), "after the abandoned one", "fine\r\n"));
            client.disconnect();
        }

        testbed.awaitDelivery(testbed.user(), nextId, DELIVERY_TIMEOUT);
        assertThat(deliveredAnywhere(testbed, abandonedId)).isFalse();
    }

    /** Whether any Maildir holds a message containing {@code token} now. */
    private static boolean deliveredAnywhere(PostfixTestbed testbed, String token) throws IOException {
        try (Stream<Path> files = Files.walk(testbed.maildirRoot())) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** What the data path makes of {@code sent}: every CR, LF and CRLF a CRLF. */
    private static byte[] normalised(byte[] sent) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] == '\r' || sent[i] == '\n') {
                if (sent[i] == '\r' && i + 1 < sent.length && sent[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
            } else {
                out.write(sent[i]);
            }
        }
        return out.toByteArray();
    }

    /** NUL becomes '0' and every 900th octet of a line a LF, so the body needs no BINARYMIME. */
    private static byte[] withoutNulAndLongLines(byte[] body) {
        byte[] clean = body.clone();
        int line = 0;
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] == 0) {
                clean[i] = '0';
            }
            line = clean[i] == '\r' || clean[i] == '\n' ? 0 : line + 1;
            if (line == 900) {
                clean[i] = '\n';
                line = 0;
            }
        }
        return clean;
    }

    private static SmtpClient authenticatingClient(PostfixTestbed testbed, TlsMode mode, AuthMechanism mechanism) {
        SmtpClient client = new SmtpClient();
        client.setDomain("client.example.test");
        client.tls().setMode(mode);
        client.tls().setTrustedCertificates(List.of(testbed.caCertificate()));
        client.auth().setUsername(testbed.user());
        client.auth().setPassword(testbed.password());
        client.auth().setMechanisms(List.of(mechanism));
        client.socket().setTimeout(Duration.ofSeconds(30));
        return client;
    }

    /** Postfix's Received field records the TLS session and the SASL login (ESMTPSA = ESMTP + TLS + AUTH). */
    private static void assertSentOverTlsByAuthenticatedUser(DeliveredMessage delivered, String user) {
        assertThat(delivered.received())
                .contains("using TLSv1.")
                .contains("Authenticated sender: " + user)
                .contains("with ESMTPSA");
    }

    private static String uniqueMessageId() {
        return "<" + UUID.randomUUID() + "@client.example.test>";
    }

    private static byte[] message(String messageId, String to, String subject, String body) {
        String headers = "From: <" + SENDER + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n";
        return (headers + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * About {@code size} bytes of 76-character lines, with the lines the transparency rule must protect: a lone dot
     * (which would end DATA), lines starting with one and two dots, and a dot right after an empty line.
     */
    private static String dottedBody(int size) {
        StringBuilder body = new StringBuilder(size + 100);
        String filler = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghij";
        for (int line = 0; body.length() < size; line++) {
            switch (line % 50) {
                case 0 -> body.append(".\r\n");
                case 10 -> body.append(".. two leading dots\r\n");
                case 20 -> body.append("\r\n.after an empty line\r\n");
                case 30 -> body.append(".").append(filler).append("\r\n");
                default -> body.append(String.format("%05d ", line)).append(filler).append("\r\n");
            }
        }
        return body.append(".\r\nlast line after a lone dot\r\n").toString();
    }
}
