package io.github.smtpclient.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.smtpclient.message.dkim.DkimConfigurationException;
import io.github.smtpclient.message.dkim.DkimKey;
import io.github.smtpclient.message.dkim.DkimSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;

/**
 * Turns {@code smtp.client.dkim.*} into the signers of {@code client.dkim()}, reading each key once at start-up. A
 * setting the core refuses is reported as an {@link InvalidConfigurationPropertyValueException} naming the property
 * ({@code smtp.client.dkim.selector}, {@code smtp.client.dkim.additional-signatures[0].private-key}, ...).
 */
final class DkimSignersMapper {

    private static final String PREFIX = "smtp.client.dkim";

    private DkimSignersMapper() {
    }

    /** The signers, in order: the main signature when it is configured, then the additional ones. */
    static List<DkimSigner> signers(SmtpDkimProperties dkim) {
        List<DkimSigner> signers = new ArrayList<>();
        if (configured(dkim)) {
            signers.add(signer(PREFIX, dkim, dkim.getDomain()));
        }
        List<SmtpDkimSignatureProperties> additional = dkim.getAdditionalSignatures();
        for (int i = 0; i < additional.size(); i++) {
            SmtpDkimSignatureProperties signature = additional.get(i);
            String domain = signature.getDomain() != null ? signature.getDomain() : dkim.getDomain();
            signers.add(signer(PREFIX + ".additional-signatures[" + i + "]", signature, domain));
        }
        return List.copyOf(signers);
    }

    /** Signing is on once a selector or a key is set; a domain alone (shared by additional signatures) is not enough. */
    private static boolean configured(SmtpDkimSignatureProperties signature) {
        return signature.getSelector() != null || signature.getPrivateKey() != null;
    }

    private static DkimSigner signer(String prefix, SmtpDkimSignatureProperties signature, @Nullable String domain) {
        DkimKey key = signature.getPrivateKey() == null ? null : key(prefix + ".private-key", signature.getPrivateKey());
        DkimSigner.Builder builder = DkimSigner.builder().domain(domain).selector(signature.getSelector()).key(key)
                .algorithm(signature.getAlgorithm())
                .canonicalization(signature.getHeaderCanonicalization(), signature.getBodyCanonicalization())
                .signedHeaders(signature.getSignedHeaders())
                .oversignedHeaders(Set.copyOf(signature.getOversignedHeaders()))
                .identity(signature.getIdentity()).bodyLengthTag(signature.isBodyLength())
                .expiry(signature.getExpiry());
        try {
            return builder.build();
        } catch (DkimConfigurationException e) {
            String property = prefix + "." + kebab(e.field());
            throw new InvalidConfigurationPropertyValueException(property, value(property, e.field(), signature, domain),
                    e.getMessage());
        }
    }

    private static DkimKey key(String property, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return DkimKey.read(in);
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(property, resource, "The DKIM key cannot be read ("
                    + e.getMessage() + "); give a readable file, e.g. 'file:/etc/dkim/mail.private'.");
        } catch (DkimConfigurationException e) {
            throw new InvalidConfigurationPropertyValueException(property, resource, e.getMessage());
        }
    }

    private static Object value(String property, String field, SmtpDkimSignatureProperties signature,
            @Nullable String domain) {
        Object value = switch (field) {
            case "domain" -> domain;
            case "selector" -> signature.getSelector();
            case "key" -> signature.getPrivateKey();
            case "algorithm" -> signature.getAlgorithm();
            case "signedHeaders" -> signature.getSignedHeaders();
            case "oversignedHeaders" -> signature.getOversignedHeaders();
            case "identity" -> signature.getIdentity();
            case "expiry" -> signature.getExpiry();
            default -> property;
        };
        return value == null ? "(none)" : value;
    }

    /** The property name of a core field: {@code signedHeaders} is {@code signed-headers}, {@code key} {@code private-key}. */
    private static String kebab(String field) {
        return "key".equals(field) ? "private-key" : field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
