package io.github.smtpclient.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.smtpclient.DataCommand;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.TransferSettings;
import io.github.smtpclient.auth.AuthMechanism;
import io.github.smtpclient.log.LogDetail;
import io.github.smtpclient.log.LogFilters;
import io.github.smtpclient.log.LogLevel;
import io.github.smtpclient.log.LogSettings;
import io.github.smtpclient.net.DnsMode;
import io.github.smtpclient.net.DnsSettings;
import io.github.smtpclient.text.PrintableText;
import io.github.smtpclient.tls.ExtendedMasterSecret;
import io.github.smtpclient.tls.PreSharedKey;
import io.github.smtpclient.tls.SecureRenegotiation;
import io.github.smtpclient.tls.TlsBaseConfiguration;
import io.github.smtpclient.tls.TlsSettings;
import io.github.smtpclient.tls.revocation.OcspHashAlgorithm;
import io.github.smtpclient.tls.validation.ChainTolerance;

/**
 * The reference's class settings by name, for code migrating from it: {@code config("Name=Value")} sets,
 * {@code config("Name")} reads. Each name maps onto a typed setter; settings that cannot mean anything on the
 * JVM are refused with the reason, never silently ignored. A value that is empty once trimmed (white space and
 * control characters, {@code "TempPath=\0"} included) is refused too, never taken as a reset; reset through the
 * typed setter instead. Messages that quote a bad value show its control characters escaped.
 */
public final class ClientConfig {

    private static final Map<String, String> NOT_APPLICABLE = notApplicable();
    private static final String EXPECT_SHUTDOWN = "cssloExpectShutdownMessage";

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    /** TLSPreSharedIdentity given before TLSPreSharedKey: a {@link PreSharedKey} needs both. */
    private String pendingPskIdentity;

    public ClientConfig(SmtpClient client) {
        TransferSettings transfer = client.transfer();
        add("Authentications", () -> String.join(",", client.auth().getMechanisms().stream()
                .map(AuthMechanism::saslName).toList()), value -> client.auth().setMechanisms(mechanisms(value)));
        add("BinaryChunkSize", () -> Integer.toString(transfer.getBinaryChunkSize()),
                value -> transfer.setBinaryChunkSize(integer("BinaryChunkSize", value)));
        add("BinaryMode", () -> Boolean.toString(transfer.isBinaryMode()),
                value -> transfer.setBinaryMode(bool("BinaryMode", value)));
        add("DataCommand", () -> transfer.getDataCommand().name(),
                value -> transfer.setDataCommand(dataCommand(value)));
        add("PipelineWindowMessages", () -> Integer.toString(transfer.getPipelineWindowMessages()),
                value -> transfer.setPipelineWindow(count("PipelineWindowMessages", value),
                        transfer.getPipelineWindowBytes()));
        add("PipelineWindowBytes", () -> Integer.toString(transfer.getPipelineWindowBytes()),
                value -> transfer.setPipelineWindow(transfer.getPipelineWindowMessages(),
                        integer("PipelineWindowBytes", value)));
        add("ForceLogin", () -> Boolean.toString(client.auth().isForceLogin()),
                value -> client.auth().setForceLogin(bool("ForceLogin", value)));
        add("RemoveBCC", () -> Boolean.toString(transfer.isRemoveBcc()),
                value -> transfer.setRemoveBcc(bool("RemoveBCC", value)));
        add("SendBufferSize", () -> Integer.toString(transfer.getSendBufferSize()),
                value -> transfer.setSendBufferSize(integer("SendBufferSize", value)));
        add("TempPath", () -> transfer.getTempPath() == null ? "" : transfer.getTempPath().toString(),
                value -> transfer.setTempPath(path("TempPath", value)));
        add("IgnoreSystemTrust", () -> Boolean.toString(client.tls().isIgnoreSystemTrust()),
                value -> client.tls().setIgnoreSystemTrust(bool("IgnoreSystemTrust", value)));
        add("OCSPHashAlgorithm", () -> client.tls().revocation().getOcspHashAlgorithm().name(),
                value -> client.tls().revocation().setOcspHashAlgorithm(ocspHash(value)));
        add("TolerateMinorChainIssues", () -> tolerances(client.tls().getTolerances()),
                value -> client.tls().setTolerances(tolerances(value)));
        TlsSettings tls = client.tls();
        add("CheckKeyIntegrityBeforeUse", () -> Boolean.toString(tls.isCheckKeyIntegrityBeforeUse()),
                value -> tls.setCheckKeyIntegrityBeforeUse(bool("CheckKeyIntegrityBeforeUse", value)));
        add("EnableClientSideSSLFFDHE", () -> Boolean.toString(tls.isFiniteFieldDhe()),
                value -> tls.setFiniteFieldDhe(bool("EnableClientSideSSLFFDHE", value)));
        add("UseSystemRandom", () -> Boolean.toString(isStrongRandom(tls.getSecureRandom())),
                value -> tls.setSecureRandom(bool("UseSystemRandom", value) ? strongRandom() : null));
        add("TLSECCurves", () -> String.join(",", tls.getNamedGroups()),
                value -> tls.setNamedGroups(List.of(value.trim().split("[,;\\s]+"))));
        add("TLSUseExtendedMasterSecret", () -> tls.getExtendedMasterSecret().name().toLowerCase(Locale.ROOT),
                value -> tls.setExtendedMasterSecret(extendedMasterSecret(value)));
        add("TLSRenegotiationAttackPreventionMode", () -> tls.getSecureRenegotiation() == SecureRenegotiation.REQUIRED
                ? "strict" : "compatible", value -> tls.setSecureRenegotiation(secureRenegotiation(value)));
        add("TLSSSLOptions", () -> tls.getCloseNotifyWait().isZero() ? "none" : EXPECT_SHUTDOWN,
                value -> tls.setCloseNotifyWait(sslOptions(value, tls.getCloseNotifyWait())));
        add("TLSBaseConfiguration", () -> tls.getBaseConfiguration() == null ? "none"
                : tls.getBaseConfiguration().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                value -> tls.applyBaseConfiguration(baseConfiguration(value)));
        add("TLSPreSharedIdentity", () -> tls.getPreSharedKey() != null ? tls.getPreSharedKey().identity()
                : pendingPskIdentity == null ? "" : pendingPskIdentity, value -> {
                    if (tls.getPreSharedKey() != null) {
                        tls.setPreSharedKey(PreSharedKey.of(value, tls.getPreSharedKey().key()));
                    } else {
                        PreSharedKey.of(value, new byte[PreSharedKey.MIN_KEY_BYTES]);
                        pendingPskIdentity = value;
                    }
                });
        // The key is a secret: reading it gives only whether one is set.
        add("TLSPreSharedKey", () -> tls.getPreSharedKey() == null ? "" : "****", value -> {
            String identity = tls.getPreSharedKey() != null ? tls.getPreSharedKey().identity() : pendingPskIdentity;
            if (identity == null) {
                throw new IllegalArgumentException("TLSPreSharedKey needs the identity first: set TLSPreSharedIdentity");
            }
            tls.setPreSharedKey(PreSharedKey.ofHex(identity, value));
        });
        add("TLSPreSharedKeyCiphersuite", () -> tls.getPreSharedKeyCipherSuite() == null ? "AUTO"
                : tls.getPreSharedKeyCipherSuite(), tls::setPreSharedKeyCipherSuite);
        add("UseSystemCertificates", () -> Boolean.toString(client.tls().isUseSystemCertificates()),
                value -> client.tls().setUseSystemCertificates(bool("UseSystemCertificates", value)));
        DnsSettings dns = client.socket().dns();
        add("UseOwnDNSResolver", () -> Boolean.toString(dns.isOwnResolver()), value -> {
            boolean own = bool("UseOwnDNSResolver", value);
            if (!own) {
                dns.setMode(DnsMode.JVM);
            } else if (dns.getMode() == DnsMode.JVM) {
                dns.setMode(DnsMode.OWN);
            }
        });
        LogSettings log = client.log();
        add("LogLevel", () -> log.getLevel().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                value -> log.setLevel(LogLevel.parse(value)));
        add("LogFilters", () -> log.getFilters().toString(), value -> log.setFilters(LogFilters.parse(value)));
        add("LogDetails", () -> String.join(",", log.getDetails().stream().sorted()
                .map(d -> d.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()),
                value -> log.setDetails(LogDetail.parse(value)));
    }

    private void add(String name, Supplier<String> getter, Consumer<String> setter) {
        settings.put(name.toLowerCase(Locale.ROOT), new Setting(name, getter, setter));
    }

    public String apply(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("config() needs \"Name\" or \"Name=Value\"");
        }
        int equals = expression.indexOf('=');
        String name = (equals < 0 ? expression : expression.substring(0, equals)).trim();
        Setting setting = settings.get(name.toLowerCase(Locale.ROOT));
        if (setting == null) {
            String reason = NOT_APPLICABLE.get(name.toLowerCase(Locale.ROOT));
            if (reason != null) {
                throw new IllegalArgumentException("Setting " + name + " has no meaning in smtp-client: " + reason);
            }
            throw new IllegalArgumentException("Unknown setting '" + PrintableText.excerpt(name) + "'. Known settings: "
                    + settings.values().stream().map(Setting::name).toList());
        }
        if (equals >= 0) {
            String raw = expression.substring(equals + 1);
            String value = raw.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(setting.name() + " needs a value, but '" + PrintableText.excerpt(raw)
                        + "' is empty once white space and control characters are trimmed. To read the setting,"
                        + " call config(\"" + setting.name() + "\"); to reset it, use its typed setter");
            }
            setting.setter().accept(value);
        }
        return setting.getter().get();
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '"
                    + PrintableText.excerpt(value) + "'");
        };
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of bytes, was '"
                    + PrintableText.excerpt(value) + "'", e);
        }
    }

    private static int count(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + PrintableText.excerpt(value)
                    + "'", e);
        }
    }

    private static DataCommand dataCommand(String value) {
        try {
            return DataCommand.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DataCommand must be one of " + List.of(DataCommand.values())
                    + ", was '" + PrintableText.excerpt(value) + "'", e);
        }
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + " '" + PrintableText.excerpt(value) + "' is not a valid path: "
                    + e.getReason(), e);
        }
    }

    /** {@code SHA1}, {@code SHA256}, {@code SHA-256}..., case-insensitive. */
    private static OcspHashAlgorithm ocspHash(String value) {
        try {
            return OcspHashAlgorithm.valueOf(value.replace("-", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OCSPHashAlgorithm must be one of " + List.of(OcspHashAlgorithm.values())
                    + ", was '" + value + "'", e);
        }
    }

    /** The JDK's strong instance: on Linux NativePRNGBlocking, which reads the operating system's /dev/random. */
    private static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstanceStrong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK names no strong SecureRandom (securerandom.strongAlgorithms): "
                    + e.getMessage(), e);
        }
    }

    private static boolean isStrongRandom(SecureRandom random) {
        return random != null && random.getAlgorithm().equals(strongRandom().getAlgorithm());
    }

    /** {@code required}, {@code preferred} or {@code off}; {@code true} is preferred and {@code false} off. */
    private static ExtendedMasterSecret extendedMasterSecret(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "required" -> ExtendedMasterSecret.REQUIRED;
            case "preferred", "true", "yes", "on", "1" -> ExtendedMasterSecret.PREFERRED;
            case "off", "false", "no", "0" -> ExtendedMasterSecret.OFF;
            default -> throw new IllegalArgumentException("TLSUseExtendedMasterSecret must be required, preferred or"
                    + " off (true means preferred, false off), was '" + PrintableText.excerpt(value) + "'");
        };
    }

    /**
     * The reference's {@code strict} (or {@code required}) and {@code compatible} (or {@code preferred}); its
     * {@code auto}, secure renegotiation when the server supports it, is what compatible does here: the client never
     * renegotiates, and always offers RFC 5746.
     */
    private static SecureRenegotiation secureRenegotiation(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "strict", "required" -> SecureRenegotiation.REQUIRED;
            case "compatible", "preferred", "auto" -> SecureRenegotiation.PREFERRED;
            default -> throw new IllegalArgumentException("TLSRenegotiationAttackPreventionMode must be strict or"
                    + " compatible (auto means compatible), was '" + PrintableText.excerpt(value) + "'");
        };
    }

    /**
     * The wait for the server's close_notify that TLSSSLOptions gives: {@code cssloExpectShutdownMessage} (or its bit,
     * 1) keeps a positive wait and otherwise sets {@link TlsSettings#EXPECT_SHUTDOWN_WAIT}; {@code none} or 0 sets none.
     * Flags are separated by commas or '|', or given as one number (such as 0x001). The other flags of the reference
     * are refused with the reason.
     */
    private static Duration sslOptions(String value, Duration current) {
        boolean expectShutdown = false;
        for (String flag : value.trim().split("\\s*[,|]\\s*")) {
            int bits = sslOptionBits(flag);
            if ((bits & ~0x007) != 0) {
                throw new IllegalArgumentException("TLSSSLOptions: unknown flag '" + PrintableText.excerpt(flag)
                        + "'; known: " + EXPECT_SHUTDOWN + " (0x001), none (0)");
            }
            if ((bits & 0x002) != 0) {
                throw new IllegalArgumentException("TLSSSLOptions: cssloOpenSSLDTLSWorkaround has no meaning in"
                        + " smtp-client: it works around old OpenSSL's DTLS, and SMTP runs TLS over TCP only");
            }
            if ((bits & 0x004) != 0) {
                throw new IllegalArgumentException("TLSSSLOptions: cssloDisableKexLengthAlignment has no meaning in"
                        + " smtp-client: both engines encode the RSA premaster secret to the modulus length as RFC 5246"
                        + " 7.4.7.1 requires and offer no way to send it unaligned (Bouncy Castle offers no RSA key"
                        + " exchange by default)");
            }
            expectShutdown |= (bits & 0x001) != 0;
        }
        if (!expectShutdown) {
            return Duration.ZERO;
        }
        return current.isZero() ? TlsSettings.EXPECT_SHUTDOWN_WAIT : current;
    }

    private static int sslOptionBits(String flag) {
        String name = flag.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "cssloexpectshutdownmessage" -> 0x001;
            case "cssloopenssldtlsworkaround" -> 0x002;
            case "csslodisablekexlengthalignment" -> 0x004;
            case "none" -> 0;
            default -> {
                try {
                    yield name.startsWith("0x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("TLSSSLOptions: unknown flag '" + PrintableText.excerpt(flag)
                            + "'; known: " + EXPECT_SHUTDOWN + " (0x001), none (0)", e);
                }
            }
        };
    }

    /** {@code compatible}, {@code secure} or {@code highly-secure} (also written with a space or an underscore). */
    private static TlsBaseConfiguration baseConfiguration(String value) {
        String name = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (TlsBaseConfiguration preset : TlsBaseConfiguration.values()) {
            if (preset.name().equals(name)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("TLSBaseConfiguration must be compatible, secure or highly-secure, was '"
                + PrintableText.excerpt(value) + "'");
    }

    /** {@code true} (every tolerance), {@code false} (none), or tolerance names separated by commas. */
    private static Set<ChainTolerance> tolerances(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return EnumSet.allOf(ChainTolerance.class);
        }
        Set<ChainTolerance> tolerances = EnumSet.noneOf(ChainTolerance.class);
        if (trimmed.equalsIgnoreCase("false")) {
            return tolerances;
        }
        for (String name : trimmed.split("[,;\\s]+")) {
            try {
                tolerances.add(ChainTolerance.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TolerateMinorChainIssues must be true, false or names from "
                        + List.of(ChainTolerance.values()) + ", was '" + name + "'", e);
            }
        }
        return tolerances;
    }

    private static String tolerances(Set<ChainTolerance> tolerances) {
        if (tolerances.isEmpty()) {
            return "false";
        }
        return tolerances.size() == ChainTolerance.values().length ? "true"
                : String.join(",", tolerances.stream().sorted().map(Enum::name).toList());
    }

    private static List<AuthMechanism> mechanisms(String value) {
        List<AuthMechanism> result = new ArrayList<>();
        for (String name : value.split("[,;\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            result.add(AuthMechanism.fromSaslName(name).orElseThrow(() -> new IllegalArgumentException(
                    "Authentications: unknown mechanism '" + PrintableText.excerpt(name) + "'; allowed: " + List.of(AuthMechanism.values())
                            .stream().map(AuthMechanism::saslName).toList())));
        }
        return result;
    }

    private static Map<String, String> notApplicable() {
        Map<String, String> reasons = new LinkedHashMap<>();
        String windowsOnly = "it controls Windows certificate stores; on the JVM use tls().setUseSystemCertificates and"
                + " tls().setTrustedCertificates";
        reasons.put("usemicrosoftctl", windowsOnly);
        reasons.put("usesharedsystemstorages", windowsOnly);
        String http = "it applies to the vendor's HTTP components, not to SMTP";
        for (String name : List.of("cookiecaching", "cookies", "globalcookies", "httpuseragent")) {
            reasons.put(name, http);
        }
        String logging = "the protocol log is written to the SLF4J logger io.github.smtpclient.wire, and where it"
                + " goes (file, console), how it is flushed, rotated and bounded is the logging backend's job"
                + " (logback, log4j2); choose what is logged with LogLevel, LogFilters and LogDetails";
        for (String name : List.of("logdestination", "logfile", "logflushmode", "logmaxeventcount",
                "logrotationmode")) {
            reasons.put(name, logging);
        }
        String jce = "cryptography is done by the JVM's providers (JCA/JSSE or Bouncy Castle), configured there";
        for (String name : List.of("defderivekeyiterations", "maxasn1bufferlength", "maxasn1treedepth",
                "usesystemoaepandpss")) {
            reasons.put(name, jce);
        }
        return Map.copyOf(reasons);
    }

    private record Setting(String name, Supplier<String> getter, Consumer<String> setter) {
    }
}
