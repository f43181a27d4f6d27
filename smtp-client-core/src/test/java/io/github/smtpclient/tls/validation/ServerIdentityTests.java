package io.github.smtpclient.tls.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.smtpclient.testing.TestPki;

/** RFC 9525: DNS-IDs and IP-IDs from subjectAltName only, wildcards only as the whole left-most label, no CN. */
class ServerIdentityTests {

    private static final TestPki.Issued ROOT = TestPki.root("Identity Test Root");

    @Test
    void aDnsNameInTheSubjectAltNameMatchesIgnoringCaseAndATrailingDot() throws Exception {
        X509Certificate certificate = leaf(TestPki.leaf("whatever", "mail.example.test", "smtp.example.test"));

        assertThat(ServerIdentity.match(certificate, "smtp.example.test")).contains("smtp.example.test");
        assertThat(ServerIdentity.match(certificate, "MAIL.Example.TEST.")).contains("mail.example.test");
        assertThat(ServerIdentity.match(certificate, "other.example.test")).isEmpty();
    }

    @Test
    void theCommonNameIsNeverUsed() throws Exception {
        X509Certificate cnOnly = leaf(TestPki.leaf("mail.example.test"));
        X509Certificate cnAndOtherSan = leaf(TestPki.leaf("mail.example.test", "other.example.test"));

        assertThat(ServerIdentity.match(cnOnly, "mail.example.test")).isEmpty();
        assertThat(ServerIdentity.match(cnAndOtherSan, "mail.example.test")).isEmpty();
    }

    @ParameterizedTest(name = "{0} presented, {1} asked: {2}")
    @CsvSource({
            "*.example.test, mail.example.test, true",
            "*.example.test, MAIL.example.test, true",
            "*.example.test, example.test, false",
            "*.example.test, a.mail.example.test, false",
            "*.example.test, .example.test, false",
            "m*.example.test, mail.example.test, false",
            "*mail.example.test, xmail.example.test, false",
            "mail.*.test, mail.example.test, false",
            "*.*.test, mail.example.test, false",
            "*.test, example.test, false",
            "*, test, false"})
    void aWildcardMatchesOnlyAsTheWholeLeftMostLabel(String presented, String asked, boolean matches) throws Exception {
        X509Certificate certificate = leaf(TestPki.leaf("wildcard", presented));

        assertThat(ServerIdentity.match(certificate, asked).isPresent()).isEqualTo(matches);
    }

    @Test
    void anIpAddressMatchesOnlyAnIpAddressEntry() throws Exception {
        X509Certificate withIp = leaf(TestPki.leaf("ip").ipAddresses("192.0.2.7", "2001:db8::7"));
        X509Certificate ipAsDnsName = leaf(TestPki.leaf("ip", "192.0.2.7"));

        assertThat(ServerIdentity.match(withIp, "192.0.2.7")).isPresent();
        assertThat(ServerIdentity.match(withIp, "2001:db8:0:0:0:0:0:7")).isPresent();
        assertThat(ServerIdentity.match(withIp, "[2001:db8::7]")).isPresent();
        assertThat(ServerIdentity.match(withIp, "192.0.2.8")).isEmpty();
        assertThat(ServerIdentity.match(ipAsDnsName, "192.0.2.7")).isEmpty();
    }

    @Test
    void aHostNameDoesNotMatchAnIpAddressEntry() throws Exception {
        X509Certificate withIp = leaf(TestPki.leaf("ip").ipAddresses("127.0.0.1"));

        assertThat(ServerIdentity.match(withIp, "localhost")).isEmpty();
    }

    @Test
    void internationalisedNamesAreComparedAsALabels() throws Exception {
        X509Certificate certificate = leaf(TestPki.leaf("idn", "xn--bcher-kva.example.test"));

        assertThat(ServerIdentity.match(certificate, "bücher.example.test")).contains("xn--bcher-kva.example.test");
    }

    private static X509Certificate leaf(TestPki.Spec spec) {
        return ROOT.issue(spec).certificate();
    }
}
