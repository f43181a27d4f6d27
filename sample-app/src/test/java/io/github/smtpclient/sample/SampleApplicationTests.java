package io.github.smtpclient.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import io.github.smtpclient.sample.embedded.ReceivedMessage;
import io.github.smtpclient.sample.embedded.ReceivedMessages;
import io.github.smtpclient.sample.web.ProtocolLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample app over HTTP: the send endpoint delivers to the embedded server through STARTTLS and AUTH. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What AUTH PLAIN would show if the log did not mask it. */
    private static final String PLAIN_CREDENTIALS = Base64.getEncoder()
            .encodeToString("\0sample\0sample-secret".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    private int port;

    @Autowired
    private ReceivedMessages receivedMessages;

    @Autowired
    private ProtocolLog protocolLog;

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void messageWithAttachmentPostedToTheSendEndpointReachesTheEmbeddedServer(@TempDir Path temp) throws Exception {
        Path attachment = temp.resolve("measurements.bin");
        byte[] content = new byte[300_000];
        new Random(4).nextBytes(content);
        Files.write(attachment, content);
        long sendsBefore = SendMetrics.sendCount(meterRegistry);

        ResponseEntity<String> response = post(form("bob@example.test", "Readings for April", attachment));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(200));
        JsonNode sent = JSON.readTree(response.getBody());
        assertThat(sent.path("accepted").toString()).contains("bob@example.test", "carol@example.test");
        ReceivedMessage received = receivedMessages.newestFirst().get(0);
        assertThat(received.subject()).isEqualTo("Readings for April");
        assertThat(received.from()).isEqualTo("sample@example.test");
        assertThat(received.to()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(received.attachments()).containsExactly("measurements.bin");
        assertThat(received.size()).isGreaterThan(content.length * 4L / 3);
        assertThat(SendMetrics.sendCount(meterRegistry)).isEqualTo(sendsBefore + 1);
    }

    @Test
    void receivedListIsServedAsJson() throws Exception {
        post(form("dave@example.test", "Listed", null));

        JsonNode list = JSON.readTree(RestClient.create().get().uri(url("/api/received")).retrieve().body(String.class));

        assertThat(list.path("embedded").asBoolean()).isTrue();
        assertThat(list.path("messages").get(0).path("subject").asString()).isEqualTo("Listed");
    }

    @Test
    void protocolLogShowsTheExchangeWithTheCredentialsMasked() {
        post(form("erin@example.test", "Logged", null));

        assertThat(protocolLog.backlog()).extracting(line -> line.direction() + ": " + line.text())
                .contains("C: STARTTLS", "C: AUTH PLAIN ****", "C: RCPT TO:<erin@example.test>")
                .noneMatch(line -> line.contains("sample-secret") || line.contains(PLAIN_CREDENTIALS));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theWireLogShowsCommandsAndRepliesWithTheCredentialsMasked(CapturedOutput output) {
        post(form("frank@example.test", "Wire-logged", null));

        // The pooled connection may be one an earlier test opened, so only this send's lines are certain here.
        assertThat(output.getOut()).contains("io.github.smtpclient.wire", "C: RCPT TO:<frank@example.test>")
                .containsPattern("\\[#\\d+] C: MAIL FROM:<sample@example.test>")
                .containsPattern("\\[#\\d+] S: 250 ")
                .doesNotContain("sample-secret", PLAIN_CREDENTIALS, "D: Subject: Wire-logged");
    }

    @Test
    void invalidAddressIsRefusedWithBadRequestNamingTheValue() {
        ResponseEntity<String> response = post(form("not an address", "Nope", null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
        assertThat(response.getBody()).contains("not an address");
    }

    private static MultiValueMap<String, Object> form(String to, String subject, Path attachment) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("to", to);
        form.add("cc", "carol@example.test");
        form.add("subject", subject);
        form.add("text", "Plain text");
        form.add("html", "<p>HTML text</p>");
        if (attachment != null) {
            form.add("attachments", new FileSystemResource(attachment));
        }
        return form;
    }

    private ResponseEntity<String> post(MultiValueMap<String, Object> form) {
        return RestClient.create().post().uri(url("/api/messages")).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
