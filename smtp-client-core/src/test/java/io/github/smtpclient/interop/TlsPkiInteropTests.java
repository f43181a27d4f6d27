package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.CertificateRejectedException;
import io.github.smtpclient.tls.TlsConnectionInfo;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSessionCache;
import io.github.smtpclient.tls.TlsSettings;
import io.github.smtpclient.tls.revocation.RevocationCache;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationStatus;

/**
 * Certificate validation against real peers: Postfix serving leaves of a PKI made by openssl, {@code openssl ocsp}
 * answering good, revoked and unknown (and a responder that is not there), CRLs over HTTP, and {@code openssl s_server}
 * stapling OCSP responses; all started by {@code scripts/testbed/start-pki.sh}. Every test runs on both TLS engines.
 * Skipped when the PKI is not running, failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsPkiInteropTests {

    @Parameter
    TlsEngine engine;

    private static PkiTestbed pki;

    private final List<NotificationEvent> notifications = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void findThePki() throws IOException {
        Path envFile = PkiTestbed.configuredEnvFile();
        if (!Files.exists(envFile)) {
            String message = "PKI test bed not running: start it with scripts/testbed/start-pki.sh (no " + envFile + ")";
            if (Boolean.getBoolean(PostfixTestbedExtension.REQUIRED_PROPERTY)) {
                throw new IllegalStateException(message + "; -D" + PostfixTestbedExtension.REQUIRED_PROPERTY
                        + "=true forbids skipping");
            }
            Assumptions.abort(message);
        }
        pki = PkiTestbed.load(envFile);
    }

    /** Each test must ask the real responder and CRL server, not reuse an answer an earlier test cached. */
    @BeforeEach
    void forgetCachedAnswers() {
        RevocationCache.shared().clear();
    }

    @Test
    void aGoodLeafIsAuthenticatedByEveryRevocationMode() throws Exception {
        for (RevocationCheck check : List.of(RevocationCheck.OCSP, RevocationCheck.CRL, RevocationCheck.OCSP_THEN_CRL,
                RevocationCheck.ANY)) {
            RevocationCache.shared().clear();
            ConnectionInfo info = connect("GOOD", tls -> tls.revocation().setCheck(check));

            assertThat(info.isServerAuthenticated()).as(check.name()).isTrue();
            assertThat(info.tls().orElseThrow().validation().logText()).as(check.name())
                    .contains(check == RevocationCheck.CRL ? "according to the CRL " + pki.crlUrl()
                            : "according to the OCSP " + pki.ocspUrl());
        }
    }

    @Test
    void theCertificateDetailsAreThoseOpensslIssued() throws Exception {
        ConnectionInfo info = connect("GOOD", tls -> { });

        List<CertificateInfo> chain = info.tls().orElseThrow().certificates();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).certificate()).isEqualTo(pki.goodLeaf());
        assertThat(chain.get(0).serialNumber()).isEqualTo(pki.goodLeaf().getSerialNumber());
        assertThat(chain.get(0).subject()).isEqualTo("localhost good");
        assertThat(chain.get(0).issuer()).isEqualTo("smtp-client test PKI intermediate");
        assertThat(chain.get(0).keyAlgorithm()).isEqualTo("EC");
        assertThat(chain.get(0).keyBits()).hasValue(256);
        assertThat(chain.get(0).caKeyId()).isEqualTo(chain.get(1).subjectKeyId());
        assertThat(chain.get(1).issuerRdn()).extracting(CertificateInfo.NameAttribute::name).containsExactly("O", "CN");
        assertThat(info.tls().orElseThrow().validation().path()).last().isEqualTo(pki.root());
    }

    @Test
    void aRevokedLeafIsRefusedByOcspAndByCrl() {
        for (RevocationCheck check : List.of(RevocationCheck.OCSP, RevocationCheck.CRL)) {
            RevocationCache.shared().clear();
            assertThatThrownBy(() -> connect("REVOKED", tls -> tls.revocation().setCheck(check)))
                    .as(check.name()).isInstanceOfSatisfying(CertificateRejectedException.class, e -> {
                        assertThat(e.validation().reasons()).containsExactly(ValidationReason.REVOKED);
                        assertThat(e.getMessage()).contains("keyCompromise");
                    });
        }
    }

    @Test
    void aLeafTheResponderDoesNotKnowFailsHardAndPassesSoft() throws Exception {
        assertThatThrownBy(() -> connect("UNKNOWN", tls -> tls.revocation().setCheck(RevocationCheck.OCSP)))
                .isInstanceOfSatisfying(CertificateRejectedException.class, e -> {
                    assertThat(e.validation().reasons()).containsExactly(ValidationReason.REVOCATION_UNKNOWN);
                    assertThat(e.validation().logText()).contains("the responder does not know this certificate");
                });

        ConnectionInfo soft = connect("UNKNOWN", tls -> {
            tls.revocation().setCheck(RevocationCheck.OCSP);
            tls.revocation().setSoftFail(true);
        });

        assertThat(soft.tls().orElseThrow().validation().warnings()).containsExactly(ValidationReason.REVOCATION_UNKNOWN);
        assertThat(notifications).extracting(NotificationEvent::kind).contains(NotificationEvent.Kind.REVOCATION_UNKNOWN);
    }

    @Test
    void anUnknownLeafIsSettledByTheCrlWhenOcspThenCrl() throws Exception {
        ConnectionInfo info = connect("UNKNOWN", tls -> tls.revocation().setCheck(RevocationCheck.OCSP_THEN_CRL));

        assertThat(info.isServerAuthenticated()).isTrue();
        assertThat(info.tls().orElseThrow().validation().logText()).contains("according to the CRL " + pki.crlUrl());
    }

    @Test
    void anUnreachableResponderIsUnknownStatus() {
        assertThatThrownBy(() -> connect("UNREACHABLE", tls -> tls.revocation().setCheck(RevocationCheck.OCSP_THEN_CRL)))
                .isInstanceOfSatisfying(CertificateRejectedException.class, e -> assertThat(e.validation().reasons())
                        .containsExactly(ValidationReason.REVOCATION_UNKNOWN));
    }

    @Test
    void knownResponsesAndCrlsAnswerWithoutAsking() throws Exception {
        ConnectionInfo byCrl = connect("REVOKED", tls -> { });
        assertThat(byCrl.isServerAuthenticated()).isTrue();

        assertThatThrownBy(() -> connect("REVOKED", tls -> {
            tls.revocation().setCheck(RevocationCheck.CRL);
            tls.revocation().setKnownCrls(List.of(pki.intermediateCrl()));
        })).isInstanceOfSatisfying(CertificateRejectedException.class,
                e -> assertThat(e.validation().logText()).contains("according to the known CRL"));
    }

    @Test
    void aBlockedCertificateIsRefusedInAValidChain() {
        assertThatThrownBy(() -> connect("GOOD", tls -> tls.setBlockedCertificates(List.of(pki.goodLeaf()))))
                .isInstanceOfSatisfying(CertificateRejectedException.class,
                        e -> assertThat(e.validation().reasons()).containsExactly(ValidationReason.BLOCKED));
    }

    @Test
    void anIncompleteChainIsCompletedByAKnownIntermediate() throws Exception {
        assertThatThrownBy(() -> connect("LEAF_ONLY", tls -> { }))
                .isInstanceOfSatisfying(CertificateRejectedException.class,
                        e -> assertThat(e.validation().reasons()).containsExactly(ValidationReason.UNKNOWN_CA));

        ConnectionInfo info = connect("LEAF_ONLY", tls -> {
            tls.setKnownCertificates(List.of(pki.intermediate()));
            tls.revocation().setCheck(RevocationCheck.OCSP);
        });

        assertThat(info.tls().orElseThrow().peerCertificates()).containsExactly(pki.goodLeaf());
        assertThat(info.tls().orElseThrow().validation().path()).containsExactly(pki.goodLeaf(), pki.intermediate(),
                pki.root());
        assertThat(info.isServerAuthenticated()).isTrue();
    }

    @Test
    void theNegotiatedDetailsAreWhatPostfixLogs() throws Exception {
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            long before = establishedLines().size();
            TlsConnectionInfo info = connect("GOOD", tls -> {
                tls.setVersions(List.of(version));
                tls.setUseSessionResumption(false);
            }).tls().orElseThrow();
            String logged = awaitEstablishedLine(before);

            // "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA ..."
            assertThat(logged).as(version).contains(version + " with cipher",
                    "(" + info.symmetricKeyBits().orElseThrow() + "/");
            assertThat(info.aeadCipher()).as(version).contains(logged.contains("GCM") || logged.contains("CHACHA"));
            assertThat(info.pfsCipher()).as(version).contains(true);
            assertThat(info.publicKeyBits()).as(version).hasValue(256);
            if (version.equals("TLSv1.3")) {
                assertThat(logged).contains("with cipher " + info.cipherSuite() + " ");
            } else {
                // OpenSSL names the TLS 1.2 suite its own way: ECDHE-ECDSA-AES256-GCM-SHA384.
                assertThat(logged).contains("with cipher ECDHE-ECDSA-"
                        + info.encryptionAlgorithm().orElseThrow().replaceFirst("AES_(\\d+)_", "AES$1-").replace('_', '-'));
                assertThat(info.keyExchangeAlgorithm()).contains("ECDHE_ECDSA");
            }
            if (engine == TlsEngine.BOUNCY_CASTLE) {
                assertThat(info.signatureAlgorithm()).as(version).contains("ecdsa_secp256r1_sha256");
                assertThat(info.connectionId()).as(version).isPresent();
                if (version.equals("TLSv1.3")) {
                    assertThat(logged).contains("key-exchange " + info.namedGroup().orElseThrow().toUpperCase(Locale.ROOT));
                    assertThat(logged).contains("server-signature ECDSA (prime256v1) server-digest SHA256");
                }
            } else {
                assertThat(info.namedGroup()).as(version).isEmpty();
                assertThat(info.signatureAlgorithm()).as(version).isEmpty();
            }
        }
    }

    @Test
    void aSecondConnectionResumesTheSessionWithPostfix() throws Exception {
        TlsSessionCache cache = new TlsSessionCache();
        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            cache.clear();
            Consumer<TlsSettings> sharing = tls -> {
                tls.setSessionCache(cache);
                tls.setVersions(List.of(version));
                tls.revocation().setCheck(RevocationCheck.OCSP);
            };
            TlsConnectionInfo first = connect("GOOD", sharing).tls().orElseThrow();
            TlsConnectionInfo second = connect("GOOD", sharing).tls().orElseThrow();

            assertThat(first.resumedSession()).as(version).contains(false);
            // Bouncy Castle 1.84 ignores TLS 1.3 tickets, so only JSSE resumes a TLS 1.3 session.
            boolean resumes = version.equals("TLSv1.2") || engine == TlsEngine.JSSE;
            assertThat(second.resumedSession()).as(version).contains(resumes);
            assertThat(second.isServerAuthenticated()).as(version).isTrue();
            assertThat(second.peerCertificates()).as(version).first().isEqualTo(pki.goodLeaf());
        }
    }

    /** {@code openssl s_server -www} says on its status page whether it resumed the session: the server's own view. */
    @Test
    void theServerAgreesWhetherTheSessionWasResumed() throws Exception {
        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            TlsSettings settings = new TlsSettings();
            settings.setEngine(engine);
            settings.setTrustedCertificates(List.of(pki.root()));
            settings.setVersions(List.of(version));

            StatusPage first = statusPage("STAPLE_GOOD", settings);
            StatusPage second = statusPage("STAPLE_GOOD", settings);

            assertThat(first.serverLine()).as(version).startsWith("New, " + version);
            assertThat(first.client().resumedSession()).as(version).contains(false);
            // Bouncy Castle 1.84 offers a session only in a ClientHello without TLS 1.3, and ignores TLS 1.3 tickets.
            boolean resumes = version.equals("TLSv1.2") || engine == TlsEngine.JSSE;
            assertThat(second.serverLine()).as(version).startsWith((resumes ? "Reused, " : "New, ") + version);
            assertThat(second.client().resumedSession()).as(version).contains(resumes);
            assertThat(second.client().isServerAuthenticated()).as(version).isTrue();
        }
    }

    @Test
    void aStapledResponseIsUsedWhenTheResponderIsUnreachable() throws Exception {
        for (String version : List.of("TLSv1.3", "TLSv1.2")) {
            try (TlsLayer layer = handshake("STAPLE_GOOD", version)) {
                assertThat(layer.info().validation().status()).as(version).isEqualTo(ValidationStatus.VALID);
                assertThat(layer.info().validation().logText()).as(version)
                        .contains("according to the stapled OCSP response");
            }
            assertThatThrownBy(() -> handshake("STAPLE_REVOKED", version)).as(version)
                    .isInstanceOfSatisfying(CertificateRejectedException.class, e -> assertThat(e.validation().reasons())
                            .containsExactly(ValidationReason.REVOKED));
        }
    }

    private ConnectionInfo connect(String listener, Consumer<TlsSettings> configure) throws Exception {
        try (SmtpClient client = new SmtpClient()) {
            client.tls().setEngine(engine);
            client.tls().setMode(TlsMode.IMPLICIT);
            client.tls().setTrustedCertificates(List.of(pki.root()));
            client.tls().setUseSystemCertificates(false);
            configure.accept(client.tls());
            client.setListener(recordingNotifications());
            client.connect(pki.host(), pki.port("SMTP_" + listener));
            return client.getConnectionInfo().orElseThrow();
        }
    }

    /** A bare TLS handshake with an {@code openssl s_server}, which speaks no SMTP. */
    private TlsLayer handshake(String listener, String version) throws Exception {
        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        settings.setTrustedCertificates(List.of(pki.root()));
        settings.setVersions(List.of(version));
        settings.revocation().setCheck(RevocationCheck.OCSP);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), pki.port(listener));
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, recordingNotifications()).handshake(socket, pki.host(), pki.port(listener),
                true);
    }

    /** What the client reported, and the line of {@code s_server -www}'s page that says "New" or "Reused". */
    private record StatusPage(TlsConnectionInfo client, String serverLine) {
    }

    private StatusPage statusPage(String listener, TlsSettings settings) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), pki.port(listener));
        socket.setSoTimeout(10_000);
        try (TlsLayer layer = new TlsHandshaker(settings, recordingNotifications()).handshake(socket, pki.host(),
                pki.port(listener), true)) {
            layer.output().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            layer.output().flush();
            String page = new String(layer.input().readAllBytes(), StandardCharsets.ISO_8859_1);
            return new StatusPage(layer.info(), page.lines()
                    .filter(line -> line.startsWith("New, ") || line.startsWith("Reused, ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no New/Reused line on the s_server page:\n" + page)));
        }
    }

    private List<String> establishedLines() throws IOException {
        return Files.readAllLines(Path.of(pki.settings().get("SMTP_PKI_POSTFIX_LOG"))).stream()
                .filter(line -> line.contains("TLS connection established")).toList();
    }

    /** Postfix logs through postlogd, a moment after the handshake. */
    private String awaitEstablishedLine(long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<String> lines = establishedLines();
            if (lines.size() > before) {
                return lines.get(lines.size() - 1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Postfix logged no new TLS connection within 10 s");
    }

    private SmtpListener recordingNotifications() {
        return new SmtpListener() {
            @Override
            public void notification(NotificationEvent event) {
                notifications.add(event);
            }
        };
    }
}
