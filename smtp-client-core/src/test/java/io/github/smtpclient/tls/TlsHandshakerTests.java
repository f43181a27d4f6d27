package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CertificateValidateEvent;
import io.github.smtpclient.event.NotificationEvent;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.testing.LoopbackServer;
import io.github.smtpclient.testing.TestCertificates;
import io.github.smtpclient.testing.TestPki;
import io.github.smtpclient.testing.TestRevocationServer;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.validation.CertificateInfo;
import io.github.smtpclient.tls.validation.Fingerprints;
import io.github.smtpclient.tls.validation.ValidationReason;
import io.github.smtpclient.tls.validation.ValidationStatus;

/** Every test runs on both TLS engines. */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class TlsHandshakerTests {

    @Parameter
    TlsEngine engine;

    private static final TestCertificates LOCALHOST = TestCertificates.forLocalhost();
    private static final TestCertificates OTHER_HOST = TestCertificates.forNames("mail.other.test");

    private final List<CertificateValidateEvent> validations = new CopyOnWriteArrayList<>();
    private final List<NotificationEvent> notifications = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<String>> requestedServerNames = new CompletableFuture<>();
    private LoopbackServer server;
    private TlsLayer client;

    @AfterEach
    void closeAll() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void caTrustedThroughSettingsCompletesTheHandshake() throws Exception {
        startServer(LOCALHOST);

        client = handshake("localhost", trusting(LOCALHOST), recording());

        TlsConnectionInfo info = client.info();
        assertThat(info.protocol()).isEqualTo("TLSv1.3");
        assertThat(info.cipherSuite()).startsWith("TLS_");
        assertThat(info.peerCertificates()).first().isEqualTo(LOCALHOST.serverCertificate());
        assertThat(info.validation().status()).isEqualTo(ValidationStatus.VALID);
        assertThat(info.isServerAuthenticated()).isTrue();
        assertThat(validations).singleElement().satisfies(event -> {
            assertThat(event.host()).isEqualTo("localhost");
            assertThat(event.validation().status()).isEqualTo(ValidationStatus.VALID);
            assertThat(event.isAccepted()).isTrue();
        });
    }

    @Test
    void ipAddressIsVerifiedAgainstTheCertificatesAddressNames() throws Exception {
        startServer(LOCALHOST);

        client = handshake("127.0.0.1", trusting(LOCALHOST), recording());

        assertThat(client.info().validation().logText()).contains("'127.0.0.1' matches");
    }

    @Test
    void untrustedIssuerIsRejectedWithAdvice() throws Exception {
        startServer(LOCALHOST);

        assertThatThrownBy(() -> handshake("localhost", new TlsSettings(), recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).contains("localhost:" + server.port(), "[UNKNOWN_CA]",
                            "root CA, which is not trusted", "setTrustedCertificates");
                    assertThat(((CertificateRejectedException) e).validation().reasons())
                            .containsExactly(ValidationReason.UNKNOWN_CA);
                });
        assertThat(validations).singleElement().satisfies(event -> {
            assertThat(event.validation().status()).isEqualTo(ValidationStatus.INVALID);
            assertThat(event.isAccepted()).isFalse();
        });
    }

    @Test
    void withoutSystemTrustOnlyTheTrustedCertificatesCount() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = trusting(LOCALHOST);
        settings.setUseSystemCertificates(false);

        client = handshake("localhost", settings, recording());

        assertThat(client.info().validation().path()).last().isEqualTo(LOCALHOST.caCertificate());
    }

    @Test
    void noTrustAnchorsAtAllIsAConfigurationError() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = new TlsSettings();
        settings.setUseSystemCertificates(false);

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("client.tls().setUseSystemCertificates(true)",
                            "client.tls().setTrustedCertificates(...)");
                });
    }

    @Test
    void ignoringSystemTrustLeavesOnlyTheTrustedCertificatesAsAnchors() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = new TlsSettings();
        settings.setIgnoreSystemTrust(true);

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("client.tls().setIgnoreSystemTrust(false)");
                });
        TlsSettings trustingOurCa = trusting(LOCALHOST);
        trustingOurCa.setIgnoreSystemTrust(true);
        client = handshake("localhost", trustingOurCa, recording());
        assertThat(client.info().isServerAuthenticated()).isTrue();
    }

    @Test
    void listenerCanAcceptAnUntrustedChain() throws Exception {
        startServer(LOCALHOST);
        SmtpListener pinning = new SmtpListener() {
            @Override
            public void certificateValidate(CertificateValidateEvent event) {
                validations.add(event);
                if (event.chain().get(0).equals(LOCALHOST.serverCertificate())) {
                    event.accept();
                }
            }
        };

        client = handshake("localhost", new TlsSettings(), pinning);

        assertThat(client.info().validation().status()).isEqualTo(ValidationStatus.VALID_BY_LISTENER);
        assertThat(client.info().isServerAuthenticated()).isFalse();
        assertThat(validations).singleElement()
                .satisfies(event -> assertThat(event.validation().reasons()).contains(ValidationReason.UNKNOWN_CA));
    }

    @Test
    void listenerCanRejectATrustedChain() throws Exception {
        startServer(LOCALHOST);
        SmtpListener rejecting = new SmtpListener() {
            @Override
            public void certificateValidate(CertificateValidateEvent event) {
                event.reject();
            }
        };

        assertThatThrownBy(() -> handshake("localhost", trusting(LOCALHOST), rejecting))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).contains("SmtpListener rejected");
                    assertThat(((CertificateRejectedException) e).validation().reasons())
                            .containsExactly(ValidationReason.REJECTED_BY_LISTENER);
                });
    }

    @Test
    void throwingListenerLeavesTheBuiltInVerdict() throws Exception {
        startServer(LOCALHOST);
        SmtpListener throwing = new SmtpListener() {
            @Override
            public void certificateValidate(CertificateValidateEvent event) {
                event.reject();
                throw new IllegalStateException("listener bug");
            }
        };

        client = handshake("localhost", trusting(LOCALHOST), throwing);

        assertThat(client.info().validation().status()).isEqualTo(ValidationStatus.VALID);
    }

    @Test
    void certificateForAnotherHostNameIsRejected() throws Exception {
        startServer(OTHER_HOST);

        assertThatThrownBy(() -> handshake("localhost", trusting(OTHER_HOST), recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED);
                    assertThat(e.getMessage()).contains("[NAME_MISMATCH]", "not valid for [localhost]",
                            "mail.other.test");
                });
    }

    @Test
    void aServerSendingOnlyItsLeafIsCompletedByAKnownIntermediate() throws Exception {
        TestPki.Issued root = TestPki.root("Known Test Root");
        TestPki.Issued intermediate = root.issue(TestPki.ca("Known Test Intermediate"));
        TestPki.Issued leaf = intermediate.issue(TestPki.leaf("localhost", "localhost"));
        startServer(leaf.serverContext());
        TlsSettings settings = new TlsSettings();
        settings.setTrustedCertificates(List.of(root.certificate()));

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(CertificateRejectedException.class,
                        e -> assertThat(e.validation().reasons()).containsExactly(ValidationReason.UNKNOWN_CA));
        settings.setKnownCertificates(List.of(intermediate.certificate()));
        client = handshake("localhost", settings, recording());

        assertThat(client.info().peerCertificates()).containsExactly(leaf.certificate());
        assertThat(client.info().validation().path()).containsExactly(leaf.certificate(), intermediate.certificate(),
                root.certificate());
        assertThat(client.info().isServerAuthenticated()).isTrue();
    }

    @Test
    void aPinnedServerCertificateIsTrustedWithoutItsCa() throws Exception {
        startServer(LOCALHOST);
        TlsSettings pinned = new TlsSettings();
        pinned.setUseSystemCertificates(false);
        pinned.setTrustedCertificates(List.of(LOCALHOST.serverCertificate()));

        client = handshake("localhost", pinned, recording());

        assertThat(client.info().isServerAuthenticated()).isTrue();
        assertThat(client.info().validation().path()).containsExactly(LOCALHOST.serverCertificate());
        client.close();
        client = null;
        TlsSettings otherPin = new TlsSettings();
        otherPin.setUseSystemCertificates(false);
        otherPin.setTrustedCertificates(List.of(OTHER_HOST.serverCertificate()));
        assertThatThrownBy(() -> handshake("localhost", otherPin, recording()))
                .isInstanceOfSatisfying(CertificateRejectedException.class,
                        e -> assertThat(e.validation().reasons()).contains(ValidationReason.UNKNOWN_CA));
    }

    @Test
    void aBlockedServerCertificateIsRefusedAlthoughTheChainIsValid() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = trusting(LOCALHOST);
        settings.setBlockedCertificates(List.of(LOCALHOST.serverCertificate()));

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(CertificateRejectedException.class, e -> {
                    assertThat(e.validation().reasons()).containsExactly(ValidationReason.BLOCKED);
                    assertThat(e.getMessage()).contains("tls().blockedCertificates");
                });
    }

    @Test
    void theConnectionInfoDescribesEveryCertificateOfTheChain() throws Exception {
        startServer(LOCALHOST);

        client = handshake("localhost", trusting(LOCALHOST), recording());

        assertThat(client.info().certificates()).hasSize(2);
        CertificateInfo leaf = client.info().certificates().get(0);
        assertThat(leaf.subject()).isEqualTo("localhost");
        assertThat(leaf.issuer()).isEqualTo("smtp-client test CA");
        assertThat(leaf.fingerprint()).isEqualTo(Fingerprints.sha256(LOCALHOST.serverCertificate()));
        assertThat(leaf.keyBits()).hasValue(2048);
        assertThat(client.info().certificates().get(1).isSelfSigned()).isTrue();
    }

    @Test
    void aRevokedServerCertificateIsRefusedWhenRevocationIsChecked() throws Exception {
        TestPki.Issued root = TestPki.root("Revocation Handshake Root");
        try (TestRevocationServer responder = TestRevocationServer.start(root)) {
            TestPki.Issued leaf = root.issue(TestPki.leaf("localhost", "localhost").ocspUrl(responder.ocspUrl()));
            responder.revoke(leaf.certificate());
            startServer(leaf.serverContext());
            TlsSettings settings = new TlsSettings();
            settings.setTrustedCertificates(List.of(root.certificate()));

            client = handshake("localhost", settings, recording());
            assertThat(client.info().isServerAuthenticated()).isTrue();
            client.close();
            settings.revocation().setCheck(RevocationCheck.OCSP);

            assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                    .isInstanceOfSatisfying(CertificateRejectedException.class, e -> {
                        assertThat(e.validation().reasons()).containsExactly(ValidationReason.REVOKED);
                        assertThat(e.getMessage()).contains("keyCompromise", "install a new certificate");
                    });
        }
    }

    @Test
    void softFailAcceptsAnUnknownStatusWithANotification() throws Exception {
        TestPki.Issued root = TestPki.root("Soft Fail Root");
        TestPki.Issued leaf = root.issue(TestPki.leaf("localhost", "localhost")
                .ocspUrl(TestRevocationServer.unreachableUrl()));
        startServer(leaf.serverContext());
        TlsSettings settings = new TlsSettings();
        settings.setTrustedCertificates(List.of(root.certificate()));
        settings.revocation().setCheck(RevocationCheck.OCSP);

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(CertificateRejectedException.class, e -> assertThat(e.validation().reasons())
                        .containsExactly(ValidationReason.REVOCATION_UNKNOWN));
        settings.revocation().setSoftFail(true);
        client = handshake("localhost", settings, recording());

        assertThat(client.info().validation().warnings()).containsExactly(ValidationReason.REVOCATION_UNKNOWN);
        assertThat(notifications).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(NotificationEvent.Kind.REVOCATION_UNKNOWN));
    }

    @Test
    void aCertificateNamingTheHostOnlyInItsCommonNameIsRejected() throws Exception {
        TestPki.Issued root = TestPki.root("CN-only Root");
        TestPki.Issued cnOnly = root.issue(TestPki.leaf("localhost"));
        startServer(cnOnly.serverContext());
        TlsSettings settings = new TlsSettings();
        settings.setTrustedCertificates(List.of(root.certificate()));

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(CertificateRejectedException.class, e -> {
                    assertThat(e.validation().reasons()).containsExactly(ValidationReason.NAME_MISMATCH);
                    assertThat(e.getMessage()).contains("the common name is not used");
                });
    }

    @Test
    void hostNameMismatchPassesWhenHostNameVerificationIsOff() throws Exception {
        startServer(OTHER_HOST);
        TlsSettings settings = trusting(OTHER_HOST);
        settings.setVerifyHostname(false);

        client = handshake("localhost", settings, recording());

        assertThat(client.info().isServerAuthenticated()).isTrue();
        assertThat(client.info().validation().logText()).contains("not checked");
    }

    @Test
    void validationOffAcceptsAnyChainAndWarns() throws Exception {
        startServer(OTHER_HOST);
        TlsSettings settings = new TlsSettings();
        settings.setValidateCertificates(false);

        client = handshake("localhost", settings, recording());

        assertThat(client.info().validation().status()).isEqualTo(ValidationStatus.NOT_VALIDATED);
        assertThat(client.info().isServerAuthenticated()).isFalse();
        assertThat(notifications).singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(NotificationEvent.Kind.CERTIFICATE_VALIDATION_DISABLED));
        assertThat(validations).singleElement().satisfies(event -> assertThat(event.isAccepted()).isTrue());
    }

    @Test
    void validationOnSendsNoWarning() throws Exception {
        startServer(LOCALHOST);

        client = handshake("localhost", trusting(LOCALHOST), recording());

        assertThat(notifications).isEmpty();
    }

    @Test
    void versionRestrictionIsEnforced() throws Exception {
        startServer(LOCALHOST, "TLSv1.2");
        TlsSettings settings = trusting(LOCALHOST);
        settings.setVersions(List.of("TLSv1.3"));

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.TLS_HANDSHAKE_FAILED);
                    assertThat(e.getMessage()).contains("share no TLS version", "[TLSv1.3]");
                });
    }

    @Test
    void tls12IsNegotiatedWhenTheServerOffersNothingNewer() throws Exception {
        startServer(LOCALHOST, "TLSv1.2");

        client = handshake("localhost", trusting(LOCALHOST), recording());

        assertThat(client.info().protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void unknownCipherSuiteIsReportedAsInvalidSetting() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = trusting(LOCALHOST);
        settings.setCipherSuites(List.of("TLS_NO_SUCH_SUITE"));

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("tls().cipherSuites", "TLS_NO_SUCH_SUITE");
                });
    }

    @Test
    void sniOverrideIsSentToTheServer() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = trusting(LOCALHOST);
        settings.setSniHostName("mail.example.test");

        client = handshake("localhost", settings, recording());

        assertThat(requestedServerNames.get(10, TimeUnit.SECONDS)).containsExactly("mail.example.test");
    }

    @Test
    void applicationSslContextSuppliesTheTrust() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = new TlsSettings();
        settings.setSslContext(LOCALHOST.clientContextTrustingCa());

        client = handshake("localhost", settings, recording());

        assertThat(validations).singleElement().satisfies(event -> assertThat(event.chain()).isNotEmpty());
        assertThat(client.info().validation().status()).isEqualTo(ValidationStatus.VALID);
        assertThat(client.info().validation().logText()).contains("application's SSLContext");
    }

    @Test
    void applicationSslContextStillVerifiesTheHostName() throws Exception {
        startServer(OTHER_HOST);
        TlsSettings settings = new TlsSettings();
        settings.setSslContext(OTHER_HOST.clientContextTrustingCa());

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.CERTIFICATE_REJECTED));
    }

    @Test
    void applicationSslContextCannotBeCombinedWithValidationOff() throws Exception {
        startServer(LOCALHOST);
        TlsSettings settings = new TlsSettings();
        settings.setSslContext(LOCALHOST.clientContextTrustingCa());
        settings.setValidateCertificates(false);

        assertThatThrownBy(() -> handshake("localhost", settings, recording()))
                .isInstanceOfSatisfying(SmtpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SmtpErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void failedHandshakeClosesTheConnectedSocket() throws Exception {
        startServer(LOCALHOST);
        Socket plain = connect();

        TlsSettings settings = new TlsSettings();
        settings.setEngine(engine);
        assertThatThrownBy(() -> new TlsHandshaker(settings, recording()).handshake(plain, "localhost",
                server.port(), true)).isInstanceOf(SmtpException.class);

        assertThat(plain.isClosed()).isTrue();
    }

    private void startServer(TestCertificates certificates, String... protocols) throws Exception {
        startServer(certificates.serverContext(), protocols);
    }

    private void startServer(SSLContext context, String... protocols) throws Exception {
        server = LoopbackServer.tls(context, socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.startHandshake();
            requestedServerNames.complete(((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames().stream()
                    .map(name -> ((SNIHostName) name).getAsciiName()).toList());
            LoopbackServer.drain(ssl);
        }, protocols);
    }

    private TlsLayer handshake(String host, TlsSettings settings, SmtpListener listener) throws Exception {
        settings.setEngine(engine);
        return new TlsHandshaker(settings, listener).handshake(connect(), host, server.port(), true);
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static TlsSettings trusting(TestCertificates certificates) {
        TlsSettings settings = new TlsSettings();
        settings.setTrustedCertificates(List.of(certificates.caCertificate()));
        return settings;
    }

    private SmtpListener recording() {
        return new SmtpListener() {
            @Override
            public void certificateValidate(CertificateValidateEvent event) {
                validations.add(event);
            }

            @Override
            public void notification(NotificationEvent event) {
                notifications.add(event);
            }
        };
    }
}
