package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProxySettingsTests {

    private final ProxySettings proxy = new ProxySettings();

    @Test
    void defaultsToNoProxy() {
        assertThat(proxy.isEnabled()).isFalse();
        assertThat(proxy.getType()).isEqualTo(ProxyType.NONE);
        assertThat(proxy.getHost()).isNull();
    }

    @Test
    void portZeroMeansTheTypesDefaultPort() {
        proxy.setType(ProxyType.SOCKS5);
        assertThat(proxy.effectivePort()).isEqualTo(1080);
        proxy.setType(ProxyType.HTTP);
        assertThat(proxy.effectivePort()).isEqualTo(8080);
        proxy.setPort(3128);
        assertThat(proxy.effectivePort()).isEqualTo(3128);
    }

    @Test
    void invalidValuesAreRejectedNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setType(null)).withMessageContaining("proxy().type");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setPort(65536))
                .withMessageContaining("proxy().port");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setHost("proxy\r\n.example"))
                .withMessageContaining("proxy().host");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setUsername("a\0b"))
                .withMessageContaining("proxy().username");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setPassword("x".repeat(256)))
                .withMessageContaining("proxy().password").withMessageContaining("255 bytes");
    }

    @Test
    void requestHeadersCannotInjectLinesOrReplaceTheClientsOwn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> proxy.setRequestHeaders(Map.of("X-Trace", "a\r\nProxy-Authorization: Basic eA==")))
                .withMessageContaining("proxy().requestHeaders");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setRequestHeaders(Map.of("Bad Name", "v")))
                .withMessageContaining("not an HTTP header name");
        assertThatIllegalArgumentException().isThrownBy(() -> proxy.setRequestHeaders(Map.of("host", "evil")))
                .withMessageContaining("written by the client");
    }

    @Test
    void bracketedIpv6HostIsStoredBare() {
        proxy.setHost("[::1]");
        assertThat(proxy.getHost()).isEqualTo("::1");
    }

    @Test
    void copyIsIndependent() {
        proxy.setType(ProxyType.HTTP);
        proxy.setHost("proxy.example");
        proxy.setUsername("user");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-A", "1");
        proxy.setRequestHeaders(headers);
        ProxySettings copy = proxy.copy();
        proxy.setType(ProxyType.NONE);
        proxy.setHost("other.example");
        headers.put("X-B", "2");

        assertThat(copy.getType()).isEqualTo(ProxyType.HTTP);
        assertThat(copy.getHost()).isEqualTo("proxy.example");
        assertThat(copy.getUsername()).isEqualTo("user");
        assertThat(copy.getRequestHeaders()).containsOnlyKeys("X-A");
    }

    @Test
    void toStringMasksThePasswordAndHeaderValues() {
        proxy.setUsername("user");
        proxy.setPassword("hunter2");
        proxy.setRequestHeaders(Map.of("X-Token", "token-value"));

        assertThat(proxy.toString()).contains("username=user", "password=****", "X-Token")
                .doesNotContain("hunter2", "token-value");
    }
}
