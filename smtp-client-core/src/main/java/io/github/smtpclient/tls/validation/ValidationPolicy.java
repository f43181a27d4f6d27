package io.github.smtpclient.tls.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smtpclient.tls.revocation.RevocationCache;
import io.github.smtpclient.tls.revocation.RevocationChecker;
import io.github.smtpclient.tls.revocation.RevocationSettings;

/**
 * What a {@link ChainValidator} accepts: the trust anchors, the intermediates it may use to complete a chain, the
 * certificates it refuses, the tolerated chain issues, whether the server's name is checked, how revocation is
 * checked, and the clock.
 * Immutable; made with {@link #builder()}.
 */
public final class ValidationPolicy {

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final Set<String> blockedFingerprints;
    private final Set<ChainTolerance> tolerances;
    private final boolean checkIdentity;
    private final RevocationSettings revocation;
    private final RevocationCache revocationCache;
    private final Clock clock;

    private ValidationPolicy(Builder builder) {
        this.anchors = List.copyOf(builder.anchors);
        this.intermediates = List.copyOf(builder.intermediates);
        this.blockedFingerprints = builder.blocked.stream().map(Fingerprints::sha256).collect(Collectors.toUnmodifiableSet());
        this.tolerances = builder.tolerances.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(builder.tolerances));
        this.checkIdentity = builder.checkIdentity;
        this.revocation = builder.revocation.copy();
        this.revocationCache = builder.revocationCache;
        this.clock = builder.clock;
    }

    /** A builder with no anchors, intermediates, blocked certificates or tolerances, identity checked, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trust anchors. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** Certificates that may complete a path but are not trusted themselves. */
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** Whether the certificate is blocked (matched by its SHA-256 fingerprint). */
    public boolean isBlocked(X509Certificate certificate) {
        return blockedFingerprints.contains(Fingerprints.sha256(certificate));
    }

    /** The tolerated chain issues. */
    public Set<ChainTolerance> tolerances() {
        return tolerances;
    }

    /** Whether the leaf must name the server (RFC 9525). */
    public boolean checksIdentity() {
        return checkIdentity;
    }

    /** How revocation is checked (a copy). */
    public RevocationSettings revocation() {
        return revocation.copy();
    }

    /** The checker of revocation, applying {@link #revocation()} with this policy's cache and clock. */
    RevocationChecker revocationChecker() {
        return new RevocationChecker(revocation, revocationCache, clock);
    }

    /** The clock validity is judged by. */
    public Clock clock() {
        return clock;
    }

    /** Builds a {@link ValidationPolicy}. */
    public static final class Builder {

        private List<X509Certificate> anchors = List.of();
        private List<X509Certificate> intermediates = List.of();
        private List<X509Certificate> blocked = List.of();
        private Set<ChainTolerance> tolerances = Set.of();
        private boolean checkIdentity = true;
        private RevocationSettings revocation = new RevocationSettings();
        private RevocationCache revocationCache = RevocationCache.shared();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The trust anchors. */
        public Builder anchors(List<X509Certificate> anchors) {
            this.anchors = List.copyOf(anchors);
            return this;
        }

        /** Certificates that may complete a path (known intermediates, untrusted system certificates). */
        public Builder intermediates(List<X509Certificate> intermediates) {
            this.intermediates = List.copyOf(intermediates);
            return this;
        }

        /** Certificates refused wherever they appear in a chain. */
        public Builder blocked(List<X509Certificate> blocked) {
            this.blocked = List.copyOf(blocked);
            return this;
        }

        /** Chain issues to tolerate. */
        public Builder tolerances(Set<ChainTolerance> tolerances) {
            this.tolerances = Set.copyOf(tolerances);
            return this;
        }

        /** Whether the leaf must name the server. */
        public Builder checkIdentity(boolean checkIdentity) {
            this.checkIdentity = checkIdentity;
            return this;
        }

        /** How revocation is checked; by default not at all. */
        public Builder revocation(RevocationSettings revocation) {
            this.revocation = revocation.copy();
            return this;
        }

        /** Where verified OCSP responses and CRLs are kept; by default {@link RevocationCache#shared()}. */
        public Builder revocationCache(RevocationCache revocationCache) {
            this.revocationCache = Objects.requireNonNull(revocationCache, "revocationCache");
            return this;
        }

        /** The clock validity is judged by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The policy. */
        public ValidationPolicy build() {
            return new ValidationPolicy(this);
        }
    }
}
