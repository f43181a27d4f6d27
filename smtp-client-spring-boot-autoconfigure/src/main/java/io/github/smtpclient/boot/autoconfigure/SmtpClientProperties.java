package io.github.smtpclient.boot.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.smtpclient.RecipientPolicy;
import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.boot.mail.PartialRejection;
import io.github.smtpclient.log.LogDetail;
import io.github.smtpclient.log.LogEvent;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.net.DnsMode;
import io.github.smtpclient.net.IpVersion;
import io.github.smtpclient.net.ProxyAuthentication;
import io.github.smtpclient.net.ProxyType;
import io.github.smtpclient.tls.TlsEngine;
import io.github.smtpclient.tls.TlsMode;
import io.github.smtpclient.tls.revocation.OcspHashAlgorithm;
import io.github.smtpclient.tls.revocation.RevocationCheck;
import io.github.smtpclient.tls.validation.ChainTolerance;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the SMTP client under {@code smtp.client.*}. Each value is handed to the matching core setting
 * (named in the field's Javadoc), which checks it; a bad value fails start-up naming the property.
 */
@ConfigurationProperties("smtp.client")
public class SmtpClientProperties {

    /** SMTP server host. For instance, 'smtp.example.com'. */
    private @Nullable String host;

    /** SMTP server port; 465 means implicit TLS, any other port STARTTLS unless 'smtp.client.tls.mode' says otherwise. */
    private int port = 587;

    /** Name the client gives in EHLO, a domain or an address literal such as '[192.0.2.1]'; by default the local host name. */
    private @Nullable String domain;

    /** User name to authenticate as. For instance, 'alice@example.com'. */
    private @Nullable String username;

    /** Password to authenticate with; also used as the token for XOAUTH2 and OAUTHBEARER when no token supplier bean exists. */
    private @Nullable String password;

    /** Whether Bcc and Resent-Bcc header fields are removed from messages before sending. */
    private boolean removeBcc = true;

    /** What a send does when the server refuses some recipients: PARTIAL delivers to the others, ALL_OR_NOTHING resets the transaction and fails. */
    private RecipientPolicy recipientPolicy = RecipientPolicy.PARTIAL;

    /** Size of the buffer commands and message data are written through, between 512B and 16MB; any other value than the default also sets the socket's send buffer. */
    private DataSize sendBufferSize = DataSize.ofKilobytes(64);

    /** Directory for temporary files; by default the JVM's 'java.io.tmpdir'. */
    private @Nullable Path tempPath;

    private final Tls tls = new Tls();

    private final Auth auth = new Auth();

    private final Socket socket = new Socket();

    private final Proxy proxy = new Proxy();

    private final Log log = new Log();

    private final RateLimit rateLimit = new RateLimit();

    private final Binary binary = new Binary();

    private final Pool pool = new Pool();

    private final Retry retry = new Retry();

    private final Defaults defaults = new Defaults();

    private final Events events = new Events();

    private final Health health = new Health();

    private final MailSender mailSender = new MailSender();

    public @Nullable String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable String getDomain() {
        return domain;
    }

    public void setDomain(@Nullable String domain) {
        this.domain = domain;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public RecipientPolicy getRecipientPolicy() {
        return recipientPolicy;
    }

    public void setRecipientPolicy(RecipientPolicy recipientPolicy) {
        this.recipientPolicy = recipientPolicy;
    }

    public boolean isRemoveBcc() {
        return removeBcc;
    }

    public void setRemoveBcc(boolean removeBcc) {
        this.removeBcc = removeBcc;
    }

    public DataSize getSendBufferSize() {
        return sendBufferSize;
    }

    public void setSendBufferSize(DataSize sendBufferSize) {
        this.sendBufferSize = sendBufferSize;
    }

    public @Nullable Path getTempPath() {
        return tempPath;
    }

    public void setTempPath(@Nullable Path tempPath) {
        this.tempPath = tempPath;
    }

    public Tls getTls() {
        return tls;
    }

    public Auth getAuth() {
        return auth;
    }

    public Socket getSocket() {
        return socket;
    }

    public Proxy getProxy() {
        return proxy;
    }

    public Log getLog() {
        return log;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public Binary getBinary() {
        return binary;
    }

    public Pool getPool() {
        return pool;
    }

    public Retry getRetry() {
        return retry;
    }

    public Defaults getDefaults() {
        return defaults;
    }

    public Events getEvents() {
        return events;
    }

    public Health getHealth() {
        return health;
    }

    /** Returns the settings of Spring's JavaMailSender and MailSender beans. */
    public MailSender getMailSender() {
        return mailSender;
    }

    /** Encryption and certificate checks; drives {@code client.tls()}. */
    public static class Tls {

        /** When to encrypt: EXPLICIT (STARTTLS required), IMPLICIT (TLS from the first byte), MIXED or NONE; by default IMPLICIT on port 465 and EXPLICIT elsewhere. */
        private @Nullable TlsMode mode;

        /** TLS versions to enable, in preference order: TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1. */
        private List<String> versions = new ArrayList<>(List.of("TLSv1.3", "TLSv1.2"));

        /** Cipher suites to enable, by standard name; empty means the TLS provider's defaults. */
        private List<String> cipherSuites = new ArrayList<>();

        /** Whether the server's certificate chain and host name are checked; false lets anyone on the network path impersonate the server. */
        private boolean validateCertificates = true;

        /** Whether the server's certificate must name the host connected to. */
        private boolean verifyHostname = true;

        /** PEM files of certificates to trust in addition to the JDK's trust store, such as a private CA. For instance, 'classpath:smtp-ca.pem'. */
        private List<Resource> trustedCertificates = new ArrayList<>();

        /** Whether the JDK's default trust store is consulted at all; false trusts only 'trusted-certificates'. */
        private boolean useSystemCertificates = true;

        /** Whether the JDK's trust store only completes chains instead of being trusted; then only 'trusted-certificates' are trusted. */
        private boolean ignoreSystemTrust;

        /** Name of a Spring Boot SSL bundle ('spring.ssl.bundle.*') whose SSLContext decides which servers are trusted. */
        private @Nullable String sslBundle;

        /** Server name sent in the TLS SNI extension and accepted by the host name check; by default the host connected to. */
        private @Nullable String sniHostName;

        /** TLS implementation: BOUNCY_CASTLE (Bouncy Castle's TLS API, reports every negotiated detail) or JSSE (the JDK's, resumes TLS 1.3 sessions). */
        private TlsEngine engine = TlsEngine.BOUNCY_CASTLE;

        /** PEM files of intermediate CA certificates that complete the chain of a server sending an incomplete one; never trusted themselves. */
        private List<Resource> knownCertificates = new ArrayList<>();

        /** PEM files of certificates refused wherever they appear in a server's chain, matched by SHA-256 fingerprint. */
        private List<Resource> blockedCertificates = new ArrayList<>();

        /** Minor chain issues to tolerate, each logged as a warning: EXPIRED_TRUSTED_ROOT, TRUSTED_ROOT_WITHOUT_CA_FLAGS, LEAF_WITHOUT_SERVER_AUTH. */
        private Set<ChainTolerance> tolerances = new LinkedHashSet<>();

        /** Whether earlier TLS sessions are resumed (the pooled sender's connections share them); a resumed chain is validated again. */
        private boolean useSessionResumption = true;

        /** Whether a session made with one address of the host is offered to another of its addresses. */
        private boolean forceResumeIfDestinationChanges;

        private final Revocation revocation = new Revocation();

        public @Nullable TlsMode getMode() {
            return mode;
        }

        public void setMode(@Nullable TlsMode mode) {
            this.mode = mode;
        }

        public List<String> getVersions() {
            return versions;
        }

        public void setVersions(List<String> versions) {
            this.versions = versions;
        }

        public List<String> getCipherSuites() {
            return cipherSuites;
        }

        public void setCipherSuites(List<String> cipherSuites) {
            this.cipherSuites = cipherSuites;
        }

        public boolean isValidateCertificates() {
            return validateCertificates;
        }

        public void setValidateCertificates(boolean validateCertificates) {
            this.validateCertificates = validateCertificates;
        }

        public boolean isVerifyHostname() {
            return verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }

        public List<Resource> getTrustedCertificates() {
            return trustedCertificates;
        }

        public void setTrustedCertificates(List<Resource> trustedCertificates) {
            this.trustedCertificates = trustedCertificates;
        }

        public boolean isUseSystemCertificates() {
            return useSystemCertificates;
        }

        public void setUseSystemCertificates(boolean useSystemCertificates) {
            this.useSystemCertificates = useSystemCertificates;
        }

        public boolean isIgnoreSystemTrust() {
            return ignoreSystemTrust;
        }

        public void setIgnoreSystemTrust(boolean ignoreSystemTrust) {
            this.ignoreSystemTrust = ignoreSystemTrust;
        }

        public @Nullable String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(@Nullable String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public @Nullable String getSniHostName() {
            return sniHostName;
        }

        public void setSniHostName(@Nullable String sniHostName) {
            this.sniHostName = sniHostName;
        }

        public TlsEngine getEngine() {
            return engine;
        }

        public void setEngine(TlsEngine engine) {
            this.engine = engine;
        }

        public List<Resource> getKnownCertificates() {
            return knownCertificates;
        }

        public void setKnownCertificates(List<Resource> knownCertificates) {
            this.knownCertificates = knownCertificates;
        }

        public List<Resource> getBlockedCertificates() {
            return blockedCertificates;
        }

        public void setBlockedCertificates(List<Resource> blockedCertificates) {
            this.blockedCertificates = blockedCertificates;
        }

        public Set<ChainTolerance> getTolerances() {
            return tolerances;
        }

        public void setTolerances(Set<ChainTolerance> tolerances) {
            this.tolerances = tolerances;
        }

        public boolean isUseSessionResumption() {
            return useSessionResumption;
        }

        public void setUseSessionResumption(boolean useSessionResumption) {
            this.useSessionResumption = useSessionResumption;
        }

        public boolean isForceResumeIfDestinationChanges() {
            return forceResumeIfDestinationChanges;
        }

        public void setForceResumeIfDestinationChanges(boolean forceResumeIfDestinationChanges) {
            this.forceResumeIfDestinationChanges = forceResumeIfDestinationChanges;
        }

        public Revocation getRevocation() {
            return revocation;
        }

        /** Revocation checking of the server's certificates; drives {@code client.tls().revocation()}. */
        public static class Revocation {

            /** Which sources answer whether a server certificate is revoked: NONE, OCSP, CRL, OCSP_THEN_CRL or ANY. */
            private RevocationCheck check = RevocationCheck.NONE;

            /** Whether a certificate whose revocation status no source can establish is accepted, with a warning notification. */
            private boolean softFail;

            /** Time allowed for one OCSP request or CRL download, connect included. */
            private Duration timeout = Duration.ofSeconds(5);

            /** Largest OCSP response or CRL accepted. */
            private DataSize downloadLimit = DataSize.ofMegabytes(10);

            /** Hash of the CertID in OCSP requests: SHA1 (what most responders expect), SHA256, SHA384 or SHA512. */
            private OcspHashAlgorithm ocspHashAlgorithm = OcspHashAlgorithm.SHA1;

            /** PEM or DER CRL files consulted before any download, for example for offline use. */
            private List<Resource> knownCrls = new ArrayList<>();

            /** DER OCSP response files, as 'openssl ocsp -respout' writes them, consulted before any request. */
            private List<Resource> knownOcspResponses = new ArrayList<>();

            public RevocationCheck getCheck() {
                return check;
            }

            public void setCheck(RevocationCheck check) {
                this.check = check;
            }

            public boolean isSoftFail() {
                return softFail;
            }

            public void setSoftFail(boolean softFail) {
                this.softFail = softFail;
            }

            public Duration getTimeout() {
                return timeout;
            }

            public void setTimeout(Duration timeout) {
                this.timeout = timeout;
            }

            public DataSize getDownloadLimit() {
                return downloadLimit;
            }

            public void setDownloadLimit(DataSize downloadLimit) {
                this.downloadLimit = downloadLimit;
            }

            public OcspHashAlgorithm getOcspHashAlgorithm() {
                return ocspHashAlgorithm;
            }

            public void setOcspHashAlgorithm(OcspHashAlgorithm ocspHashAlgorithm) {
                this.ocspHashAlgorithm = ocspHashAlgorithm;
            }

            public List<Resource> getKnownCrls() {
                return knownCrls;
            }

            public void setKnownCrls(List<Resource> knownCrls) {
                this.knownCrls = knownCrls;
            }

            public List<Resource> getKnownOcspResponses() {
                return knownOcspResponses;
            }

            public void setKnownOcspResponses(List<Resource> knownOcspResponses) {
                this.knownOcspResponses = knownOcspResponses;
            }
        }
    }

    /** Authentication; drives {@code client.auth()}. */
    public static class Auth {

        /** SASL mechanisms to try, in order: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, OAUTHBEARER, XOAUTH2, PLAIN, LOGIN; empty means strongest first. */
        private List<AuthMechanism> mechanisms = new ArrayList<>();

        /** Whether to authenticate even when the server does not advertise AUTH. */
        private boolean forceLogin;

        /** Whether credentials may cross an unencrypted connection to any host; dangerous, anyone on the path can read them. */
        private boolean allowPlaintextCredentials;

        /** Whether credentials may cross an unencrypted connection to a loopback address. */
        private boolean allowLoopbackPlaintext = true;

        public List<AuthMechanism> getMechanisms() {
            return mechanisms;
        }

        public void setMechanisms(List<AuthMechanism> mechanisms) {
            this.mechanisms = mechanisms;
        }

        public boolean isForceLogin() {
            return forceLogin;
        }

        public void setForceLogin(boolean forceLogin) {
            this.forceLogin = forceLogin;
        }

        public boolean isAllowPlaintextCredentials() {
            return allowPlaintextCredentials;
        }

        public void setAllowPlaintextCredentials(boolean allowPlaintextCredentials) {
            this.allowPlaintextCredentials = allowPlaintextCredentials;
        }

        public boolean isAllowLoopbackPlaintext() {
            return allowLoopbackPlaintext;
        }

        public void setAllowLoopbackPlaintext(boolean allowLoopbackPlaintext) {
            this.allowLoopbackPlaintext = allowLoopbackPlaintext;
        }
    }

    /** The TCP connection; drives {@code client.socket()}. */
    public static class Socket {

        /** Longest wait for any one read, write or TLS handshake, between 1ms and about 24 days. */
        private Duration timeout = Duration.ofSeconds(60);

        /** Longest wait for the TCP connection, all addresses of the host together; by default 'timeout'. */
        private @Nullable Duration connectTimeout;

        /** Longest wait for the server's greeting after connecting; by default 'timeout' (RFC 5321 suggests 5m). */
        private @Nullable Duration greetingTimeout;

        /** Longest wait for the reply after the end of the message data; by default 'timeout' (RFC 5321 suggests 10m, as the server may scan the message first). */
        private @Nullable Duration dataTerminationTimeout;

        /** How long a connection attempt runs before the host's next address is tried beside it (RFC 8305), between 10ms and 2s. */
        private Duration connectionAttemptDelay = Duration.ofMillis(250);

        /** Local IP address (or local host name) to connect from; by default any. */
        private @Nullable String localAddress;

        /** Local port to connect from, 0 for any free port. */
        private int localPort;

        /** IP versions to connect over: IPV4_ONLY, IPV6_ONLY, or BOTH_IPV6_FIRST (racing both, IPv6 first). */
        private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;

        /** Most bytes read per second on each connection, 0 for no limit. */
        private DataSize incomingSpeedLimit = DataSize.ofBytes(0);

        /** Most bytes written per second on each connection, 0 for no limit. */
        private DataSize outgoingSpeedLimit = DataSize.ofBytes(0);

        private final Dns dns = new Dns();

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public @Nullable Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public @Nullable Duration getGreetingTimeout() {
            return greetingTimeout;
        }

        public void setGreetingTimeout(@Nullable Duration greetingTimeout) {
            this.greetingTimeout = greetingTimeout;
        }

        public @Nullable Duration getDataTerminationTimeout() {
            return dataTerminationTimeout;
        }

        public void setDataTerminationTimeout(@Nullable Duration dataTerminationTimeout) {
            this.dataTerminationTimeout = dataTerminationTimeout;
        }

        public Duration getConnectionAttemptDelay() {
            return connectionAttemptDelay;
        }

        public void setConnectionAttemptDelay(Duration connectionAttemptDelay) {
            this.connectionAttemptDelay = connectionAttemptDelay;
        }

        public @Nullable String getLocalAddress() {
            return localAddress;
        }

        public void setLocalAddress(@Nullable String localAddress) {
            this.localAddress = localAddress;
        }

        public int getLocalPort() {
            return localPort;
        }

        public void setLocalPort(int localPort) {
            this.localPort = localPort;
        }

        public IpVersion getIpVersion() {
            return ipVersion;
        }

        public void setIpVersion(IpVersion ipVersion) {
            this.ipVersion = ipVersion;
        }

        public DataSize getIncomingSpeedLimit() {
            return incomingSpeedLimit;
        }

        public void setIncomingSpeedLimit(DataSize incomingSpeedLimit) {
            this.incomingSpeedLimit = incomingSpeedLimit;
        }

        public DataSize getOutgoingSpeedLimit() {
            return outgoingSpeedLimit;
        }

        public void setOutgoingSpeedLimit(DataSize outgoingSpeedLimit) {
            this.outgoingSpeedLimit = outgoingSpeedLimit;
        }

        public Dns getDns() {
            return dns;
        }
    }

    /** How host names are resolved; drives {@code client.socket().dns()}. */
    public static class Dns {

        /** Resolver: JVM (the system's), OWN (the client's own DNS queries) or OWN_THEN_JVM (own, the JVM's as fallback). */
        private DnsMode mode = DnsMode.JVM;

        /** IP addresses of the DNS servers the own resolver asks, in order; empty means the system's (resolv.conf). */
        private List<String> servers = new ArrayList<>();

        /** Port of the DNS servers. */
        private int port = 53;

        /** Longest wait for one answer from one DNS server before the next is asked. */
        private Duration queryTimeout = Duration.ofSeconds(5);

        /** Longest time one host name may take to resolve, every server and retry included. */
        private Duration totalTimeout = Duration.ofSeconds(15);

        public DnsMode getMode() {
            return mode;
        }

        public void setMode(DnsMode mode) {
            this.mode = mode;
        }

        public List<String> getServers() {
            return servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }

        public Duration getTotalTimeout() {
            return totalTimeout;
        }

        public void setTotalTimeout(Duration totalTimeout) {
            this.totalTimeout = totalTimeout;
        }
    }

    /**
     * The proxy connections go through; drives {@code client.proxy()}. SOCKS 5 username/password and HTTP Basic send
     * the proxy credentials in clear text by design; Digest and NTLM do not, and an HTTPS proxy encrypts the way to it.
     */
    public static class Proxy {

        /** Proxy type: NONE (direct connection), SOCKS4, SOCKS4A, SOCKS5, HTTP (CONNECT) or HTTPS (CONNECT over TLS to the proxy). */
        private ProxyType type = ProxyType.NONE;

        /** Host name or IP address of the proxy. */
        private @Nullable String host;

        /** Port of the proxy, 0 for the type's default (1080 for SOCKS, 8080 for HTTP, 443 for HTTPS). */
        private int port;

        /** User name for the proxy (SOCKS 5 username/password, HTTP authentication, SOCKS 4 user ID), for NTLM with the domain before a backslash; by default none. */
        private @Nullable String username;

        /** Password for the proxy. */
        private @Nullable String password;

        /** HTTP proxy authentication: AUTO (the strongest the proxy offers: Digest, NTLM, then Basic), BASIC, DIGEST or NTLM. */
        private ProxyAuthentication authentication = ProxyAuthentication.AUTO;

        /** IP versions to connect to the proxy over: IPV4_ONLY, IPV6_ONLY, or BOTH_IPV6_FIRST. */
        private IpVersion ipVersion = IpVersion.BOTH_IPV6_FIRST;

        /** Extra headers sent with each HTTP CONNECT request, such as a User-Agent. */
        private Map<String, String> requestHeaders = new LinkedHashMap<>();

        private final ProxyTls tls = new ProxyTls();

        public ProxyType getType() {
            return type;
        }

        public void setType(ProxyType type) {
            this.type = type;
        }

        public @Nullable String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public ProxyAuthentication getAuthentication() {
            return authentication;
        }

        public void setAuthentication(ProxyAuthentication authentication) {
            this.authentication = authentication;
        }

        public IpVersion getIpVersion() {
            return ipVersion;
        }

        public void setIpVersion(IpVersion ipVersion) {
            this.ipVersion = ipVersion;
        }

        public Map<String, String> getRequestHeaders() {
            return requestHeaders;
        }

        public void setRequestHeaders(Map<String, String> requestHeaders) {
            this.requestHeaders = requestHeaders;
        }

        public ProxyTls getTls() {
            return tls;
        }
    }

    /** The TLS to an HTTPS proxy; drives {@code client.proxy().tls()}, independent of 'smtp.client.tls'. */
    public static class ProxyTls {

        /** PEM files of certificates to trust for the proxy in addition to the JDK's trust store, such as a private CA. */
        private List<Resource> trustedCertificates = new ArrayList<>();

        /** Whether the JDK's default trust store is trusted for the proxy; false trusts only 'trusted-certificates'. */
        private boolean useSystemTrust = true;

        /** Whether the proxy's certificate chain and host name are checked; false lets anyone on the path impersonate the proxy. */
        private boolean validateCertificates = true;

        /** Whether the proxy's certificate must name the proxy host. */
        private boolean verifyHostname = true;

        public List<Resource> getTrustedCertificates() {
            return trustedCertificates;
        }

        public void setTrustedCertificates(List<Resource> trustedCertificates) {
            this.trustedCertificates = trustedCertificates;
        }

        public boolean isUseSystemTrust() {
            return useSystemTrust;
        }

        public void setUseSystemTrust(boolean useSystemTrust) {
            this.useSystemTrust = useSystemTrust;
        }

        public boolean isValidateCertificates() {
            return validateCertificates;
        }

        public void setValidateCertificates(boolean validateCertificates) {
            this.validateCertificates = validateCertificates;
        }

        public boolean isVerifyHostname() {
            return verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }
    }

    /**
     * The built-in protocol log, written to the SLF4J logger 'io.github.smtpclient.wire' with secrets masked; drives
     * {@code client.log()}.
     */
    public static class Log {

        /** How much is logged: NONE, ERRORS, COMMANDS, COMMANDS_AND_REPLIES or DATA (message data too, never of messages marked sensitive). */
        private LogLevel level = LogLevel.NONE;

        /** What each line carries besides its text: TIMESTAMP, CONNECTION_ID, BYTE_COUNTS. */
        private Set<LogDetail> details = new LinkedHashSet<>(List.of(LogDetail.CONNECTION_ID));

        /** How much of each message's data is logged at level DATA. */
        private DataSize maxDataSize = DataSize.ofKilobytes(1);

        private final LogFilter filters = new LogFilter();

        public LogLevel getLevel() {
            return level;
        }

        public void setLevel(LogLevel level) {
            this.level = level;
        }

        public Set<LogDetail> getDetails() {
            return details;
        }

        public void setDetails(Set<LogDetail> details) {
            this.details = details;
        }

        public DataSize getMaxDataSize() {
            return maxDataSize;
        }

        public void setMaxDataSize(DataSize maxDataSize) {
            this.maxDataSize = maxDataSize;
        }

        public LogFilter getFilters() {
            return filters;
        }
    }

    /** Which commands and events the protocol log shows, within its level. */
    public static class LogFilter {

        /** Command verbs whose lines and replies are logged, such as MAIL and RCPT; empty means every command. */
        private List<String> commands = new ArrayList<>();

        /** Other events logged: CONNECTION, NOTIFICATION, ERROR, MESSAGE; empty means every event. */
        private List<LogEvent> events = new ArrayList<>();

        public List<String> getCommands() {
            return commands;
        }

        public void setCommands(List<String> commands) {
            this.commands = commands;
        }

        public List<LogEvent> getEvents() {
            return events;
        }

        public void setEvents(List<LogEvent> events) {
            this.events = events;
        }
    }

    /** A limit for the whole pooled SmtpMailSender, all its connections together, as a provider limits an account. */
    public static class RateLimit {

        /** Most messages started per second, 0 for no limit; fractions allowed, such as 0.5 for one every two seconds. */
        private double messagesPerSecond;

        /** Most bytes written per second by all connections together, 0 for no limit. */
        private DataSize bytesPerSecond = DataSize.ofBytes(0);

        public double getMessagesPerSecond() {
            return messagesPerSecond;
        }

        public void setMessagesPerSecond(double messagesPerSecond) {
            this.messagesPerSecond = messagesPerSecond;
        }

        public DataSize getBytesPerSecond() {
            return bytesPerSecond;
        }

        public void setBytesPerSecond(DataSize bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }
    }

    /** BDAT (RFC 3030 CHUNKING); drives {@code client.transfer()}. */
    public static class Binary {

        /** Whether messages are sent with BDAT when the server offers CHUNKING, instead of DATA. */
        private boolean mode;

        /** Size of each BDAT chunk, between 1B and 64MB; the client holds one chunk in memory. */
        private DataSize chunkSize = DataSize.ofMegabytes(1);

        public boolean isMode() {
            return mode;
        }

        public void setMode(boolean mode) {
            this.mode = mode;
        }

        public DataSize getChunkSize() {
            return chunkSize;
        }

        public void setChunkSize(DataSize chunkSize) {
            this.chunkSize = chunkSize;
        }
    }

    /** The connections the pooled SmtpMailSender keeps; drives {@code PoolSettings}. */
    public static class Pool {

        /** Most connections open at once, lent out or idle, between 1 and 1000. */
        private int maxSize = 4;

        /** Idle connections kept open ahead of demand, at most 'max-size'. */
        private int minIdle;

        /** How long a connection may sit idle before it is closed with QUIT; keep it below the server's own idle timeout. */
        private Duration maxIdleTime = Duration.ofSeconds(60);

        /** Messages after which a connection is replaced by a fresh one, 0 for unlimited. */
        private int maxMessagesPerConnection;

        /** Whether a connection idle for at least 'validate-after-idle' is checked with NOOP before it is lent. */
        private boolean validateOnBorrow = true;

        /** How long a connection must have been idle before 'validate-on-borrow' checks it. */
        private Duration validateAfterIdle = Duration.ofSeconds(1);

        /** How long a send waits for a free connection when all are in use before it fails with TIMEOUT. */
        private Duration borrowTimeout = Duration.ofSeconds(30);

        private final CircuitBreaker circuitBreaker = new CircuitBreaker();

        public int getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(int maxSize) {
            this.maxSize = maxSize;
        }

        public int getMinIdle() {
            return minIdle;
        }

        public void setMinIdle(int minIdle) {
            this.minIdle = minIdle;
        }

        public Duration getMaxIdleTime() {
            return maxIdleTime;
        }

        public void setMaxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }

        public int getMaxMessagesPerConnection() {
            return maxMessagesPerConnection;
        }

        public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
            this.maxMessagesPerConnection = maxMessagesPerConnection;
        }

        public boolean isValidateOnBorrow() {
            return validateOnBorrow;
        }

        public void setValidateOnBorrow(boolean validateOnBorrow) {
            this.validateOnBorrow = validateOnBorrow;
        }

        public Duration getValidateAfterIdle() {
            return validateAfterIdle;
        }

        public void setValidateAfterIdle(Duration validateAfterIdle) {
            this.validateAfterIdle = validateAfterIdle;
        }

        public Duration getBorrowTimeout() {
            return borrowTimeout;
        }

        public void setBorrowTimeout(Duration borrowTimeout) {
            this.borrowTimeout = borrowTimeout;
        }

        public CircuitBreaker getCircuitBreaker() {
            return circuitBreaker;
        }
    }

    /**
     * When the pool stops connecting to a server that keeps failing, so that sends fail at once with CIRCUIT_OPEN
     * instead of each opening a connection; drives {@code CircuitBreakerSettings}.
     */
    public static class CircuitBreaker {

        /** Whether sends stop connecting for a while after 'failure-threshold' connection attempts in a row failed. */
        private boolean enabled = true;

        /**
         * Connection attempts in a row that must fail (refused, timed out, 421 greeting, TLS failure) before the
         * breaker opens, between 1 and 1000.
         */
        private int failureThreshold = 5;

        /**
         * How long the breaker stays open the first time before one send may try to connect, between 1ms and 1 day.
         */
        private Duration backoff = Duration.ofSeconds(1);

        /** How much longer the breaker stays open each time that try fails, between 1 and 100. */
        private double backoffMultiplier = 2.0;

        /** The longest the breaker stays open at a time, at least 'backoff'. */
        private Duration maxBackoff = Duration.ofMinutes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }

        public double getBackoffMultiplier() {
            return backoffMultiplier;
        }

        public void setBackoffMultiplier(double backoffMultiplier) {
            this.backoffMultiplier = backoffMultiplier;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** How the pooled SmtpMailSender retries a send that failed before the message data was committed; drives {@code RetryPolicy}. */
    public static class Retry {

        /** Tries in all, between 1 (no retry) and 100. */
        private int maxAttempts = 3;

        /** Pause before the second try, between 0 and 1 hour. */
        private Duration backoff = Duration.ofMillis(100);

        /** How much each further pause grows, between 1 and 100. */
        private double multiplier = 2.0;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }
    }

    /** Header fields for messages that do not set their own. */
    public static class Defaults {

        /** From address for messages that have none. For instance, 'App <noreply@example.com>'. */
        private @Nullable String from;

        /** Reply-To address for messages that have none. */
        private @Nullable String replyTo;

        /** X-Mailer header value for messages that have none. */
        private @Nullable String mailer;

        public @Nullable String getFrom() {
            return from;
        }

        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        public @Nullable String getReplyTo() {
            return replyTo;
        }

        public void setReplyTo(@Nullable String replyTo) {
            this.replyTo = replyTo;
        }

        public @Nullable String getMailer() {
            return mailer;
        }

        public void setMailer(@Nullable String mailer) {
            this.mailer = mailer;
        }
    }

    /** Which client events are published as Spring ApplicationEvents. */
    public static class Events {

        /** Whether client events are published as ApplicationEvents at all. */
        private boolean enabled = true;

        /** Whether an event is published for every command sent (chatty). */
        private boolean command = true;

        /** Whether an event is published for every reply received (chatty). */
        private boolean commandReply = true;

        /** Whether an event is published for every buffer of message data written (very chatty; carries message content). */
        private boolean commandData;

        /** Whether an event is published as message data is written (chatty). */
        private boolean progress = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCommand() {
            return command;
        }

        public void setCommand(boolean command) {
            this.command = command;
        }

        public boolean isCommandReply() {
            return commandReply;
        }

        public void setCommandReply(boolean commandReply) {
            this.commandReply = commandReply;
        }

        public boolean isCommandData() {
            return commandData;
        }

        public void setCommandData(boolean commandData) {
            this.commandData = commandData;
        }

        public boolean isProgress() {
            return progress;
        }

        public void setProgress(boolean progress) {
            this.progress = progress;
        }
    }

    /** The Actuator health probe (connect, EHLO, QUIT). */
    public static class Health {

        /** Socket timeout of the probe, shorter than a send's so a silent server cannot stall the health endpoint. */
        private Duration timeout = Duration.ofSeconds(5);

        /** How long a probe's result is reused before the server is probed again. */
        private Duration cacheInterval = Duration.ofSeconds(30);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getCacheInterval() {
            return cacheInterval;
        }

        public void setCacheInterval(Duration cacheInterval) {
            this.cacheInterval = cacheInterval;
        }
    }

    /** Spring's JavaMailSender and MailSender beans on the pooled sender, as spring-boot-starter-mail's code uses them. */
    public static class MailSender {

        /** Charset MimeMessageHelper uses for messages from createMimeMessage() when the code names none. */
        private Charset defaultEncoding = StandardCharsets.UTF_8;

        /** What a send does when the server accepts a message for some recipients and refuses others: FAIL (throw SmtpMailSendException) or WARN (log). */
        private PartialRejection partialRejection = PartialRejection.FAIL;

        /** Envelope sender (MAIL FROM) for every message, where bounces go; by default the message's From address. */
        private @Nullable String envelopeFrom;

        /** Returns the charset MimeMessageHelper uses by default. */
        public Charset getDefaultEncoding() {
            return defaultEncoding;
        }

        /** Sets the charset MimeMessageHelper uses by default. */
        public void setDefaultEncoding(Charset defaultEncoding) {
            this.defaultEncoding = defaultEncoding;
        }

        /** Returns what a send does when some recipients were refused. */
        public PartialRejection getPartialRejection() {
            return partialRejection;
        }

        /** Sets what a send does when some recipients were refused. */
        public void setPartialRejection(PartialRejection partialRejection) {
            this.partialRejection = partialRejection;
        }

        /** Returns the envelope sender for every message, or {@code null} for each message's From address. */
        public @Nullable String getEnvelopeFrom() {
            return envelopeFrom;
        }

        /** Sets the envelope sender for every message, or {@code null} for each message's From address. */
        public void setEnvelopeFrom(@Nullable String envelopeFrom) {
            this.envelopeFrom = envelopeFrom;
        }
    }
}
