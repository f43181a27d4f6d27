package io.github.smtpclient.boot.autoconfigure;

import java.nio.file.Path;

import io.github.smtpclient.RecipientPolicy;
import io.github.smtpclient.RequireTlsPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the SMTP client under {@code smtp.client.*}. Each value is handed to the matching core setting
 * (named in the field's Javadoc), which checks it; a bad value fails start-up naming the property.
 * <p>
 * Each group of keys is a class of its own ({@link SmtpTlsProperties} for {@code smtp.client.tls.*} and so on), held
 * here as a {@code @NestedConfigurationProperty}: this class stays the one bound root, so binding and the check for
 * mistyped keys see every key under {@code smtp.client}.
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

    /** Whether a composed message's priority also sets its RFC 6710 MT-PRIORITY (urgent 4, normal 0, non-urgent -4) where the server offers it. */
    private boolean mtPriorityFromMessage;

    /** Whether a message's DSN parameters (NOTIFY, ORCPT, RET, ENVID) must reach the server: true refuses the message before MAIL when the server lacks DSN, false sends it without them and says so in the result; a delivery receipt alone never fails. */
    private boolean dsnRequired;

    /** Whether messages ask for RFC 8689 REQUIRETLS (relay only over validated TLS) unless they say otherwise: NONE, OPPORTUNISTIC (when the server and connection allow it, else sent without and reported) or REQUIRE (else refused before MAIL). */
    private RequireTlsPolicy requireTls = RequireTlsPolicy.NONE;

    @NestedConfigurationProperty
    private final SmtpTlsProperties tls = new SmtpTlsProperties();

    @NestedConfigurationProperty
    private final SmtpAuthProperties auth = new SmtpAuthProperties();

    @NestedConfigurationProperty
    private final SmtpSocketProperties socket = new SmtpSocketProperties();

    @NestedConfigurationProperty
    private final SmtpProxyProperties proxy = new SmtpProxyProperties();

    @NestedConfigurationProperty
    private final SmtpLogProperties log = new SmtpLogProperties();

    @NestedConfigurationProperty
    private final SmtpRateLimitProperties rateLimit = new SmtpRateLimitProperties();

    @NestedConfigurationProperty
    private final SmtpBinaryProperties binary = new SmtpBinaryProperties();

    @NestedConfigurationProperty
    private final SmtpPoolProperties pool = new SmtpPoolProperties();

    @NestedConfigurationProperty
    private final SmtpTransferProperties transfer = new SmtpTransferProperties();

    @NestedConfigurationProperty
    private final SmtpRetryProperties retry = new SmtpRetryProperties();

    @NestedConfigurationProperty
    private final SmtpDefaultsProperties defaults = new SmtpDefaultsProperties();

    @NestedConfigurationProperty
    private final SmtpEventsProperties events = new SmtpEventsProperties();

    @NestedConfigurationProperty
    private final SmtpHealthProperties health = new SmtpHealthProperties();

    @NestedConfigurationProperty
    private final SmtpMailSenderProperties mailSender = new SmtpMailSenderProperties();

    @NestedConfigurationProperty
    private final SmtpDkimProperties dkim = new SmtpDkimProperties();

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

    public boolean isMtPriorityFromMessage() {
        return mtPriorityFromMessage;
    }

    public void setMtPriorityFromMessage(boolean mtPriorityFromMessage) {
        this.mtPriorityFromMessage = mtPriorityFromMessage;
    }

    public boolean isDsnRequired() {
        return dsnRequired;
    }

    public void setDsnRequired(boolean dsnRequired) {
        this.dsnRequired = dsnRequired;
    }

    public RequireTlsPolicy getRequireTls() {
        return requireTls;
    }

    public void setRequireTls(RequireTlsPolicy requireTls) {
        this.requireTls = requireTls;
    }

    public SmtpTlsProperties getTls() {
        return tls;
    }

    public SmtpAuthProperties getAuth() {
        return auth;
    }

    public SmtpSocketProperties getSocket() {
        return socket;
    }

    public SmtpProxyProperties getProxy() {
        return proxy;
    }

    public SmtpLogProperties getLog() {
        return log;
    }

    public SmtpRateLimitProperties getRateLimit() {
        return rateLimit;
    }

    public SmtpBinaryProperties getBinary() {
        return binary;
    }

    public SmtpTransferProperties getTransfer() {
        return transfer;
    }

    public SmtpPoolProperties getPool() {
        return pool;
    }

    public SmtpRetryProperties getRetry() {
        return retry;
    }

    public SmtpDefaultsProperties getDefaults() {
        return defaults;
    }

    public SmtpEventsProperties getEvents() {
        return events;
    }

    public SmtpHealthProperties getHealth() {
        return health;
    }

    /** Returns the DKIM signing settings. */
    public SmtpDkimProperties getDkim() {
        return dkim;
    }

    /** Returns the settings of Spring's JavaMailSender and MailSender beans. */
    public SmtpMailSenderProperties getMailSender() {
        return mailSender;
    }
}
