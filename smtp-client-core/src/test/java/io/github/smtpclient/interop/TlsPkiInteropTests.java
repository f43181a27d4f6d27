package io.github.smtpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.smtpclient.ConnectionInfo;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.tls.CertificateRejectedException;
import io.github.smtpclient.tls.TlsHandshaker;
import io.github.smtpclient.tls.TlsLayer;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.TlsSettings;
import io.github.smtpclient.tls.revocation.RevocationCache;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationStatus;

/**
 * Certificate validation against real peers: Postfix serving leaves of a PKI made by openssl, {@code openssl ocsp}
 * answering good, revoked and unknown (and a responder that is not there), CRLs over HTTP, and {@code openssl s_server}
 * stapling OCSP responses; all started by {@code scripts/testbed/start-pki.sh}. Skipped when the PKI is not running,
 * failed instead under the {@code interop} profile.
 */
// Guards against hangs only; no test asserts a duration.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsPkiInteropTests {

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
        settings.setTrustedCertificates(List.of(pki.root()));
        settings.setVersions(List.of(version));
        settings.revocation().setCheck(RevocationCheck.OCSP);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), pki.port(listener));
        socket.setSoTimeout(10_000);
        return new TlsHandshaker(settings, recordingNotifications()).handshake(socket, pki.host(), pki.port(listener),
                true);
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
