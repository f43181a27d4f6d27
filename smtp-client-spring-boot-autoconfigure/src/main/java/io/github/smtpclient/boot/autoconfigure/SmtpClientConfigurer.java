package io.github.smtpclient.boot.autoconfigure;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.event.SmtpListener;
import io.github.smtpclient.log.LogEvent;
import io.github.smtpclient.log.LogFilters;
import io.github.smtpclient.message.dkim.DkimSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Applies {@code smtp.client.*}, the connection details, an SSL bundle, a token supplier, the listeners and the
 * customizers to a new {@link SmtpClient}. The core settings check every value; a value they refuse is reported
 * as an {@link InvalidConfigurationPropertyValueException} naming the property, and since the constructor applies
 * everything once to a throwaway client, that happens at start-up rather than at the first send.
 */
final class SmtpClientConfigurer implements Consumer<SmtpClient> {

    private final SmtpClientProperties properties;
    private final SmtpConnectionDetails connection;
    private final TlsSettingsMapper tls;
    private final List<X509Certificate> proxyTrustedCertificates;
    private final @Nullable SSLContext sslContext;
    private final @Nullable SmtpOAuth2TokenSupplier tokenSupplier;
    private final Supplier<SmtpListener> listeners;
    private final List<SmtpClientCustomizer> customizers;
    private final List<DkimSigner> dkimSigners;

    SmtpClientConfigurer(SmtpClientProperties properties, SmtpConnectionDetails connection,
            @Nullable SslBundles sslBundles, @Nullable SmtpOAuth2TokenSupplier tokenSupplier,
            Supplier<SmtpListener> listeners, List<SmtpClientCustomizer> customizers) {
        this.properties = properties;
        this.connection = connection;
        this.tls = new TlsSettingsMapper(properties.getTls());
        this.proxyTrustedCertificates = TlsSettingsMapper.readCertificates("smtp.client.proxy.tls.trusted-certificates",
                properties.getProxy().getTls().getTrustedCertificates());
        this.sslContext = sslContext(properties.getTls().getSslBundle(), sslBundles);
        this.tokenSupplier = tokenSupplier;
        this.listeners = listeners;
        this.customizers = List.copyOf(customizers);
        this.dkimSigners = DkimSignersMapper.signers(properties.getDkim());
        try (SmtpClient check = new SmtpClient()) {
            applyProperties(check);
        }
        int port = connection.getPort();
        if (port < 1 || port > 65535) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.port", port,
                    "A port must be between 1 and 65535, such as 587 (STARTTLS) or 465 (implicit TLS).");
        }
    }

    @Override
    public void accept(SmtpClient client) {
        applyProperties(client);
        client.setListener(listeners.get());
        customizers.forEach(customizer -> customizer.customize(client));
    }

    private void applyProperties(SmtpClient client) {
        client.setSettingNames(PropertySettingNames.INSTANCE);
        PropertyCheck.set("smtp.client.domain", properties.getDomain(), client::setDomain);
        tls.apply(client.tls(), connection.getTlsMode(), sslContext);

        PropertyCheck.set("smtp.client.username", connection.getUsername(), client.auth()::setUsername);
        PropertyCheck.set("smtp.client.password", connection.getPassword(), client.auth()::setPassword);
        SmtpAuthProperties auth = properties.getAuth();
        PropertyCheck.set("smtp.client.auth.mechanisms", auth.getMechanisms(), client.auth()::setMechanisms);
        client.auth().setForceLogin(auth.isForceLogin());
        client.auth().setAllowPlaintextCredentials(auth.isAllowPlaintextCredentials());
        client.auth().setAllowLoopbackPlaintext(auth.isAllowLoopbackPlaintext());
        if (tokenSupplier != null) {
            client.auth().setOAuthTokenSupplier(tokenSupplier::getToken);
        }

        applySocket(client);
        applyProxy(client);
        applyLog(client);

        client.transfer().setBinaryMode(properties.getBinary().isMode());
        PropertyCheck.set("smtp.client.binary.chunk-size", properties.getBinary().getChunkSize(),
                size -> client.transfer().setBinaryChunkSize(PropertyCheck.toInt(size)));
        client.transfer().setRemoveBcc(properties.isRemoveBcc());
        PropertyCheck.set("smtp.client.recipient-policy", properties.getRecipientPolicy(),
                client.transfer()::setRecipientPolicy);
        PropertyCheck.set("smtp.client.send-buffer-size", properties.getSendBufferSize(),
                size -> client.transfer().setSendBufferSize(PropertyCheck.toInt(size)));
        client.transfer().setTempPath(properties.getTempPath());
        client.transfer().setMtPriorityFromMessage(properties.isMtPriorityFromMessage());
        client.transfer().setDsnRequired(properties.isDsnRequired());
        PropertyCheck.set("smtp.client.require-tls", properties.getRequireTls(), client.transfer()::setRequireTls);
        client.dkim().setSigners(dkimSigners);
        client.dkim().setSpool(properties.getDkim().isSpool());
        SmtpTransferProperties transfer = properties.getTransfer();
        PropertyCheck.set("smtp.client.transfer.data-command", transfer.getDataCommand(),
                client.transfer()::setDataCommand);
        PropertyCheck.set("smtp.client.transfer.pipeline-window-bytes", transfer.getPipelineWindowBytes(),
                bytes -> client.transfer().setPipelineWindow(client.transfer().getPipelineWindowMessages(),
                        PropertyCheck.toInt(bytes)));
        PropertyCheck.set("smtp.client.transfer.pipeline-window-messages", transfer.getPipelineWindowMessages(),
                messages -> client.transfer().setPipelineWindow(messages, client.transfer().getPipelineWindowBytes()));
    }

    private void applySocket(SmtpClient client) {
        SmtpSocketProperties socket = properties.getSocket();
        PropertyCheck.set("smtp.client.socket.timeout", socket.getTimeout(), client.socket()::setTimeout);
        PropertyCheck.set("smtp.client.socket.connect-timeout", socket.getConnectTimeout(), client.socket()::setConnectTimeout);
        PropertyCheck.set("smtp.client.socket.greeting-timeout", socket.getGreetingTimeout(),
                client.socket()::setGreetingTimeout);
        PropertyCheck.set("smtp.client.socket.data-termination-timeout", socket.getDataTerminationTimeout(),
                client.socket()::setDataTerminationTimeout);
        PropertyCheck.set("smtp.client.socket.connection-attempt-delay", socket.getConnectionAttemptDelay(),
                client.socket()::setConnectionAttemptDelay);
        PropertyCheck.set("smtp.client.socket.local-address", socket.getLocalAddress(), client.socket()::setLocalAddress);
        PropertyCheck.set("smtp.client.socket.local-port", socket.getLocalPort(), client.socket()::setLocalPort);
        PropertyCheck.set("smtp.client.socket.ip-version", socket.getIpVersion(), client.socket()::setIpVersion);
        PropertyCheck.set("smtp.client.socket.incoming-speed-limit", socket.getIncomingSpeedLimit(),
                limit -> client.socket().setIncomingSpeedLimit(limit.toBytes()));
        PropertyCheck.set("smtp.client.socket.outgoing-speed-limit", socket.getOutgoingSpeedLimit(),
                limit -> client.socket().setOutgoingSpeedLimit(limit.toBytes()));
        SmtpDnsProperties dns = socket.getDns();
        PropertyCheck.set("smtp.client.socket.dns.mode", dns.getMode(), client.socket().dns()::setMode);
        PropertyCheck.set("smtp.client.socket.dns.servers", dns.getServers(), client.socket().dns()::setServers);
        PropertyCheck.set("smtp.client.socket.dns.port", dns.getPort(), client.socket().dns()::setPort);
        PropertyCheck.set("smtp.client.socket.dns.query-timeout", dns.getQueryTimeout(),
                client.socket().dns()::setQueryTimeout);
        PropertyCheck.set("smtp.client.socket.dns.total-timeout", dns.getTotalTimeout(),
                client.socket().dns()::setTotalTimeout);
    }

    private void applyProxy(SmtpClient client) {
        SmtpProxyProperties proxy = properties.getProxy();
        PropertyCheck.set("smtp.client.proxy.type", proxy.getType(), client.proxy()::setType);
        PropertyCheck.set("smtp.client.proxy.host", proxy.getHost(), client.proxy()::setHost);
        PropertyCheck.set("smtp.client.proxy.port", proxy.getPort(), client.proxy()::setPort);
        PropertyCheck.set("smtp.client.proxy.username", proxy.getUsername(), client.proxy()::setUsername);
        // The value in a start-up failure is masked: it is a secret.
        PropertyCheck.set("smtp.client.proxy.password", proxy.getPassword() == null ? null : "****",
                masked -> client.proxy().setPassword(proxy.getPassword()));
        PropertyCheck.set("smtp.client.proxy.authentication", proxy.getAuthentication(),
                client.proxy()::setAuthentication);
        PropertyCheck.set("smtp.client.proxy.ip-version", proxy.getIpVersion(), client.proxy()::setIpVersion);
        PropertyCheck.set("smtp.client.proxy.request-headers", proxy.getRequestHeaders(),
                client.proxy()::setRequestHeaders);
        SmtpProxyTlsProperties proxyTls = proxy.getTls();
        client.proxy().tls().setTrustedCertificates(proxyTrustedCertificates);
        client.proxy().tls().setUseSystemCertificates(proxyTls.isUseSystemTrust());
        client.proxy().tls().setValidateCertificates(proxyTls.isValidateCertificates());
        client.proxy().tls().setVerifyHostname(proxyTls.isVerifyHostname());
        SmtpProxyKerberosProperties kerberos = proxy.getKerberos();
        PropertyCheck.set("smtp.client.proxy.kerberos.principal", kerberos.getPrincipal(),
                client.proxy().kerberos()::setPrincipal);
        client.proxy().kerberos().setKeytab(kerberos.getKeytab());
        PropertyCheck.set("smtp.client.proxy.kerberos.service-name", kerberos.getServiceName(),
                client.proxy().kerberos()::setServiceName);
        PropertyCheck.set("smtp.client.proxy.kerberos.service-principal", kerberos.getServicePrincipal(),
                client.proxy().kerberos()::setServicePrincipal);
    }

    private void applyLog(SmtpClient client) {
        SmtpLogProperties log = properties.getLog();
        PropertyCheck.set("smtp.client.log.level", log.getLevel(), client.log()::setLevel);
        client.log().setDetails(log.getDetails());
        PropertyCheck.set("smtp.client.log.max-data-size", log.getMaxDataSize(),
                size -> client.log().setMaxDataBytes(PropertyCheck.toInt(size)));
        SmtpLogFilterProperties filters = log.getFilters();
        PropertyCheck.set("smtp.client.log.filters.commands", filters.getCommands(),
                commands -> client.log().setFilters(new LogFilters(Set.copyOf(commands), filters.getEvents().isEmpty()
                        ? EnumSet.allOf(LogEvent.class) : EnumSet.copyOf(filters.getEvents()))));
    }

    private static @Nullable SSLContext sslContext(@Nullable String bundle, @Nullable SslBundles sslBundles) {
        if (bundle == null) {
            return null;
        }
        if (sslBundles == null) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.tls.ssl-bundle", bundle,
                    "No SslBundles bean exists; define the bundle under 'spring.ssl.bundle.*'.");
        }
        try {
            return sslBundles.getBundle(bundle).createSslContext();
        } catch (NoSuchSslBundleException e) {
            throw new InvalidConfigurationPropertyValueException("smtp.client.tls.ssl-bundle", bundle,
                    "No SSL bundle has this name; the bundles are " + sslBundles.getBundleNames() + ".");
        }
    }
}
