package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpMailSender;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.message.Attachment;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.message.dkim.DkimCanonicalization;
import io.github.smtpclient.message.dkim.DkimKey;
import io.github.smtpclient.message.dkim.DkimSigner;
import io.github.smtpclient.testing.InProcessSmtpServer;
import io.github.smtpclient.tls.TlsMode;

/**
 * DKIM signatures checked by two real verifiers: opendkim, as a milter in Postfix, verifying each message on receipt
 * (its {@code Authentication-Results} in the delivered copy must say {@code dkim=pass} for each signature), and
 * dkimpy ({@code /usr/bin/python3}, the {@code dkim} module, keys from opendkim's TestPublicKeys file) over the
 * delivered Maildir copy, and over the exact bytes an in-process SubEthaSMTP received. Every variant carries an RSA
 * and an Ed25519 signature: composed and raw (bytes, file, stream), 8BITMIME and the 7-bit downgrade, DATA and BDAT, a
 * 5 MB and a 100 MiB attachment, simple canonicalization, the pooled sender. The test bed is {@code scripts/testbed/start-dkim.sh};
 * skipped when it is not running, failed instead under the {@code interop} profile.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DkimInteropTests {

    private static final String TEXT = "Grüße aus dem Test: äöü ß.\n.a line that starts with a dot\n"
            + "A long line for quoted-printable to fold: " + "lorem ipsum ".repeat(12) + "\n\n\n";

    private static DkimTestbed bed;
    private static DkimSigner rsa;
    private static DkimSigner ed25519;
    private static Path verifyScript;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadTestbed(@TempDir Path scripts) throws IOException {
        Path envFile = DkimTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "DKIM test bed not running: start it with scripts/testbed/start-dkim.sh (no " + envFile
                    + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        bed = DkimTestbed.load(envFile);
        // The key files as the tools wrote them: PKCS#8 PEM from openssl, a base64 seed from dkimpy's dknewkey.
        rsa = DkimSigner.builder().domain(bed.domain()).selector(bed.rsaSelector()).key(DkimKey.read(bed.rsaKey()))
                .build();
        ed25519 = DkimSigner.builder().domain(bed.domain()).selector(bed.ed25519Selector())
                .key(DkimKey.read(bed.ed25519Key())).build();
        verifyScript = scripts.resolve("dkimpy-verify.py");
        try (InputStream in = DkimInteropTests.class.getResourceAsStream("/dkim/dkimpy-verify.py")) {
            Files.copy(in, verifyScript);
        }
    }

    @Test
    void composedMessagesPassOverDataAndBdatWith8BitMimeAndDowngradedTo7Bit() throws Exception {
        Map<String, Path> delivered = new LinkedHashMap<>();
        for (boolean eightBit : new boolean[] {true, false}) {
            for (boolean bdat : new boolean[] {false, true}) {
                String token = token("composed-" + (eightBit ? "8bit" : "7bit") + (bdat ? "-bdat" : "-data"));
                List<String> commands = new CopyOnWriteArrayList<>();
                try (SmtpClient client = client(eightBit ? bed.port() : bed.sevenBitPort(), bdat, commands)) {
                    client.sendMessage(composed(token, 20_000));
                }
                assertThat(commands).as(token).anyMatch(line -> line.startsWith(bdat ? "BDAT " : "DATA"));
                Path file = delivered(token);
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(token)
                        .contains(eightBit ? "Content-Transfer-Encoding: 8bit" : "Content-Transfer-Encoding: quoted-printable");
                delivered.put(token, file);
            }
        }
        assertBothVerifiersPass(delivered);
    }

    @Test
    void rawBytesFilesAndStreamsPass() throws Exception {
        Map<String, Path> delivered = new LinkedHashMap<>();
        String bytesToken = token("raw-bytes-8bit-data");
        try (SmtpClient client = client(bed.port(), false, new ArrayList<>())) {
            client.sendBytes(raw(bytesToken, "Gr\u00fc\u00dfe, 8-bit raw body\n").getBytes(StandardCharsets.UTF_8));
        }
        delivered.put(bytesToken, delivered(bytesToken));

        String fileToken = token("raw-file-bdat");
        Path file = temp.resolve("raw.eml");
        Files.writeString(file, raw(fileToken, "a file\r\nwith CRLF\r\n"), StandardCharsets.UTF_8);
        try (SmtpClient client = client(bed.port(), true, new ArrayList<>())) {
            client.sendFile(file);
        }
        delivered.put(fileToken, delivered(fileToken));

        String streamToken = token("raw-stream-7bit-data");
        try (SmtpClient client = client(bed.sevenBitPort(), false, new ArrayList<>())) {
            client.sendStream(new ByteArrayInputStream(raw(streamToken, "a one-shot stream, spooled to sign\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        }
        delivered.put(streamToken, delivered(streamToken));
        assertBothVerifiersPass(delivered);
    }

    @Test
    void aFiveMegabyteAttachmentPassesOverBdatAndARawStreamOverData() throws Exception {
        Map<String, Path> delivered = new LinkedHashMap<>();
        String composedToken = token("large-composed-bdat");
        try (SmtpClient client = client(bed.port(), true, new ArrayList<>())) {
            client.sendMessage(composed(composedToken, 5 * 1024 * 1024));
        }
        delivered.put(composedToken, delivered(composedToken));

        String streamToken = token("large-raw-stream-data");
        StringBuilder body = new StringBuilder(5 * 1024 * 1024 + 100);
        Random random = new Random(7);
        for (int word = 1; body.length() < 5 * 1024 * 1024; word++) {
            body.append(Long.toString(random.nextLong(), 36)).append(word % 12 == 0 ? "  \t \n" : " ");
        }
        try (SmtpClient client = client(bed.port(), false, new ArrayList<>())) {
            client.sendStream(new ByteArrayInputStream(raw(streamToken, body + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        delivered.put(streamToken, delivered(streamToken));
        assertBothVerifiersPass(delivered);
    }

    /** The issue's largest variant: a 100 MiB file attachment (143 MB on the wire), streamed, over BDAT. */
    @Test
    void aHundredMegabyteAttachmentPasses() throws Exception {
        Path file = temp.resolve("hundred.bin");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(100);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        String token = token("hundred-megabytes-bdat");
        try (SmtpClient client = client(bed.port(), true, new ArrayList<>())) {
            client.sendMessage(MailMessage.builder().from("Sender <sender@" + bed.domain() + ">").to(bed.recipient())
                    .subject("DKIM " + token).plainText(TEXT).attach(Attachment.fromFile(file)).build());
        }
        assertBothVerifiersPass(Map.of(token, delivered(token)));
    }

    @Test
    void simpleCanonicalizationPasses() throws Exception {
        DkimSigner simpleRsa = DkimSigner.builder().domain(bed.domain()).selector(bed.rsaSelector())
                .key(rsa.key()).canonicalization(DkimCanonicalization.SIMPLE, DkimCanonicalization.SIMPLE).build();
        DkimSigner relaxedSimpleEd = DkimSigner.builder().domain(bed.domain()).selector(bed.ed25519Selector())
                .key(ed25519.key()).canonicalization(DkimCanonicalization.RELAXED, DkimCanonicalization.SIMPLE)
                .build();
        String token = token("simple-canonicalization");
        try (SmtpClient client = client(bed.port(), false, new ArrayList<>())) {
            client.dkim().setSigners(List.of(simpleRsa, relaxedSimpleEd));
            client.sendMessage(composed(token, 1000));
        }
        assertBothVerifiersPass(Map.of(token, delivered(token)));
    }

    @Test
    void thePooledSenderPasses() throws Exception {
        String token = token("pooled");
        try (SmtpMailSender sender = SmtpMailSender.builder(bed.host(), bed.port())
                .configureClients(client -> configure(client, true, new ArrayList<>())).build()) {
            sender.sendMessage(composed(token, 1000));
        }
        assertBothVerifiersPass(Map.of(token, delivered(token)));
    }

    /** dkimpy over the exact bytes a server received, not a copy a Postfix stored. */
    @Test
    void dkimpyPassesTheBytesAnInProcessServerReceived() throws Exception {
        try (InProcessSmtpServer server = InProcessSmtpServer.startPlain()) {
            for (boolean bdat : new boolean[] {false, true}) {
                try (SmtpClient client = new SmtpClient()) {
                    configure(client, bdat, new ArrayList<>());
                    client.connect("127.0.0.1", server.port());
                    client.sendMessage(composed(token("in-process"), 20_000));
                    client.sendStream(new ByteArrayInputStream(raw(token("in-process-raw"), "bare LF\nand.\n.dot\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                }
            }
            Map<String, Path> files = new LinkedHashMap<>();
            int i = 0;
            for (InProcessSmtpServer.Received received : server.received()) {
                Path file = temp.resolve("received-" + i++ + ".eml");
                Files.write(file, received.data());
                files.put(file.getFileName().toString(), file);
            }
            assertThat(files).hasSize(4);
            assertThat(dkimpy(files.values())).allSatisfy((file, results) ->
                    assertThat(results).as(file.toString()).containsExactly("pass", "pass"));
        }
    }

    private SmtpClient client(int port, boolean bdat, List<String> commands) throws Exception {
        SmtpClient client = new SmtpClient();
        configure(client, bdat, commands);
        client.connect(bed.host(), port);
        return client;
    }

    private void configure(SmtpClient client, boolean bdat, List<String> commands) {
        client.tls().setMode(TlsMode.NONE);
        client.transfer().setBinaryMode(bdat);
        client.transfer().setTempPath(temp);
        client.dkim().setSigners(List.of(rsa, ed25519));
        client.setListener(new SmtpListener() {
            @Override
            public void command(CommandEvent event) {
                commands.add(event.line());
            }
        });
    }

    private MailMessage composed(String token, int attachmentBytes) {
        byte[] attachment = new byte[attachmentBytes];
        new Random(attachmentBytes).nextBytes(attachment);
        return MailMessage.builder().from("Sender <sender@" + bed.domain() + ">").to(bed.recipient())
                .subject("DKIM " + token).plainText(TEXT).htmlText("<p>Gr\u00fc\u00dfe <b>" + token + "</b></p>")
                .attach(Attachment.fromBytes("data.bin", attachment)).build();
    }

    private String raw(String token, String body) {
        return "From: sender@" + bed.domain() + "\nTo: " + bed.recipient() + "\nSubject: DKIM " + token
                + "\nMessage-ID: <" + token + "@" + bed.domain() + ">\nDate: Thu, 03 Dec 2026 14:00:00 +0000\n\n"
                + body;
    }

    private static String token(String variant) {
        return variant + "-" + System.nanoTime();
    }

    /** The Maildir copy of the message whose Subject carries {@code token}; delivery is asynchronous. */
    private Path delivered(String token) throws Exception {
        Path dir = bed.maildir().resolve("new");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        byte[] needle = ("Subject: DKIM " + token).getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    if (headContains(file, needle)) {
                        return file;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No message with " + token + " was delivered to " + dir + " within 120 s; see "
                + bed.settings().get("SMTP_DKIM_POSTFIX_LOG"));
    }

    private static boolean headContains(Path file, byte[] needle) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return text.contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    /** opendkim's verdicts in the delivered copy and dkimpy's over it: both signatures pass for each. */
    private void assertBothVerifiersPass(Map<String, Path> delivered) throws Exception {
        for (Map.Entry<String, Path> entry : delivered.entrySet()) {
            List<String> results = openDkimResults(entry.getValue());
            assertThat(results).as("opendkim on " + entry.getKey()).hasSize(2)
                    .allMatch(result -> result.startsWith("dkim=pass"))
                    .anyMatch(result -> result.contains("header.a=rsa-sha256"))
                    .anyMatch(result -> result.contains("header.a=ed25519-sha256"));
        }
        assertThat(dkimpy(delivered.values())).hasSize(delivered.size()).allSatisfy((file, results) ->
                assertThat(results).as("dkimpy on " + file).containsExactly("pass", "pass"));
    }

    /** The {@code dkim=} results of the Authentication-Results field opendkim added (authserv-id of the bed). */
    private List<String> openDkimResults(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(256 * 1024);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String header = text.substring(0, Math.max(0, text.indexOf("\n\n")) + 1).replaceAll("\n[ \t]+", " ");
        List<String> results = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("Authentication-Results: " + bed.authservId() + ";")) {
                Arrays.stream(line.substring(line.indexOf(';') + 1).split(";")).map(String::strip)
                        .filter(result -> result.startsWith("dkim=")).forEach(results::add);
            }
        }
        return results;
    }

    /** dkimpy's results per file, one "pass" or "fail" per signature in header order. */
    private Map<Path, List<String>> dkimpy(java.util.Collection<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(bed.python(), verifyScript.toString(),
                bed.publicKeys().toString()));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<Path, List<String>> results = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] words = line.strip().split(" ");
            if (words.length > 1) {
                results.put(Path.of(words[0]), List.of(words).subList(1, words.length));
            }
        }
        return results;
    }
}
