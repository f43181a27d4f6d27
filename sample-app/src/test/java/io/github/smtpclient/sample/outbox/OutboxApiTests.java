package io.github.smtpclient.sample.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;
import io.github.smtpclient.sample.embedded.ReceivedMessages;
import io.github.smtpclient.sample.embedded.RefusedRecipients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Outbox panel's API over HTTP, against the sample's embedded H2 outbox and embedded server: a queued message is
 * delivered, a refused one goes to DEAD and a deferred one waits, and retry and park act on them as the outbox allows.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OutboxApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private SmtpOutbox outbox;

    @Autowired
    private ReceivedMessages receivedMessages;

    @Test
    void queuedMessageIsDeliveredToTheEmbeddedServerAndListedAsSent() {
        UUID id = enqueue("dora@example.test", "Queued over HTTP");

        await().atMost(PATIENCE).until(() -> state(id) == OutboxState.SENT);

        assertThat(receivedMessages.newestFirst()).anySatisfy(received -> {
            assertThat(received.subject()).isEqualTo("Queued over HTTP");
            assertThat(received.to()).containsExactly("dora@example.test");
        });
        JsonNode row = row(id);
        assertThat(row.path("subject").asString()).isEqualTo("Queued over HTTP");
        assertThat(row.path("retryable").asBoolean()).isFalse();
        assertThat(row.path("parkable").asBoolean()).isFalse();
        assertThat(JSON.readTree(get("/api/outbox")).path("depths").path("SENT").asLong()).isPositive();
    }

    @Test
    void refusedRecipientGoesToDeadAndIsRetriedAndParkedOnRequest() {
        UUID id = enqueue("nobody@" + RefusedRecipients.REFUSED_DOMAIN, "Refused over HTTP");

        await().atMost(PATIENCE).until(() -> state(id) == OutboxState.DEAD);
        assertThat(row(id).path("lastReply").asString()).startsWith("550");
        assertThat(row(id).path("retryable").asBoolean()).isTrue();

        JsonNode retried = JSON.readTree(post("/api/outbox/" + id + "/retry").getBody());
        assertThat(retried.path("changed").asBoolean()).isTrue();
        await().atMost(PATIENCE).until(() -> outbox.find(id).map(OutboxEntry::history).orElseThrow().size() == 2);
        assertThat(state(id)).isEqualTo(OutboxState.DEAD);

        JsonNode parked = JSON.readTree(post("/api/outbox/" + id + "/park").getBody());
        assertThat(parked.path("changed").asBoolean()).isTrue();
        assertThat(parked.path("message").path("state").asString()).isEqualTo("PARKED");
        JsonNode again = JSON.readTree(post("/api/outbox/" + id + "/park").getBody());
        assertThat(again.path("changed").asBoolean()).as("a PARKED message cannot be parked").isFalse();
        assertThat(receivedMessages.newestFirst()).noneMatch(received -> received.subject().equals("Refused over HTTP"));
    }

    @Test
    void deferredRecipientWaitsForItsNextAttemptUntilParkedOrRetried() {
        UUID id = enqueue("later@" + RefusedRecipients.DEFERRED_DOMAIN, "Deferred over HTTP");

        await().atMost(PATIENCE).until(() -> attempts(id) == 1 && state(id) == OutboxState.QUEUED);
        OutboxEntry waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.lastReply()).hasValueSatisfying(reply -> assertThat(reply).startsWith("451"));
        assertThat(waiting.nextAttemptAt()).isAfter(Instant.now().plusSeconds(5));

        assertThat(JSON.readTree(post("/api/outbox/" + id + "/park").getBody()).path("changed").asBoolean()).isTrue();
        assertThat(state(id)).isEqualTo(OutboxState.PARKED);
        assertThat(JSON.readTree(post("/api/outbox/" + id + "/retry").getBody()).path("changed").asBoolean()).isTrue();

        await().atMost(PATIENCE).until(() -> attempts(id) == 2 && state(id) == OutboxState.QUEUED);
        // Its next attempt would send in the middle of another test of this application context.
        assertThat(outbox.park(id, "test cleanup")).isTrue();
    }

    @Test
    void formWithoutRecipientIsRefusedWithBadRequestAndUnknownIdWithNotFound() {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("subject", "Nobody");
        ResponseEntity<String> refused = RestClient.create().post().uri(url("/api/outbox"))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
                .onStatus(status -> true, (request, response) -> { }).toEntity(String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
        assertThat(refused.getBody()).contains("The message cannot be queued", "to: give at least one recipient");
        assertThat(post("/api/outbox/" + UUID.randomUUID() + "/retry").getStatusCode())
                .isEqualTo(HttpStatusCode.valueOf(404));
    }

    private UUID enqueue(String to, String subject) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("to", to);
        form.add("subject", subject);
        form.add("text", "Sent through the outbox.");
        String body = RestClient.create().post().uri(url("/api/outbox")).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().body(String.class);
        return UUID.fromString(JSON.readTree(body).path("id").asString());
    }

    private OutboxState state(UUID id) {
        return outbox.find(id).map(OutboxEntry::state).orElseThrow();
    }

    private int attempts(UUID id) {
        return outbox.find(id).map(OutboxEntry::attempts).orElseThrow();
    }

    /** The message's row in the panel's listing. */
    private JsonNode row(UUID id) {
        for (JsonNode row : JSON.readTree(get("/api/outbox")).path("messages")) {
            if (row.path("id").asString().equals(id.toString())) {
                return row;
            }
        }
        throw new AssertionError("message " + id + " is not in the panel's listing");
    }

    private String get(String path) {
        return RestClient.create().get().uri(url(path)).retrieve().body(String.class);
    }

    private ResponseEntity<String> post(String path) {
        return RestClient.create().post().uri(url(path)).retrieve().onStatus(status -> true, (request, response) -> { })
                .toEntity(String.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
