package io.github.smtpclient.tls.revocation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verified OCSP responses and CRLs kept until their nextUpdate, so a pool of connections to one server costs one
 * check, not one per connection. An answer without nextUpdate is never kept. Bounded (least recently used entries
 * leave first) and thread-safe. The process shares {@link #shared()}; tests make their own.
 */
public final class RevocationCache {

    private static final int DEFAULT_CAPACITY = 1_000;
    private static final RevocationCache SHARED = new RevocationCache(DEFAULT_CAPACITY);

    private final Map<String, Entry> entries;

    /** An empty cache holding at most {@code capacity} entries. */
    public RevocationCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cache every validator of this process uses unless told otherwise. */
    public static RevocationCache shared() {
        return SHARED;
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }

    /** The number of entries. */
    public synchronized int size() {
        return entries.size();
    }

    synchronized <T> Optional<T> get(String key, Class<T> type, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.nextUpdate())) {
            entries.remove(key);
            return Optional.empty();
        }
        return type.isInstance(entry.value()) ? Optional.of(type.cast(entry.value())) : Optional.empty();
    }

    synchronized void put(String key, Object value, Instant nextUpdate) {
        if (nextUpdate != null) {
            entries.put(key, new Entry(value, nextUpdate));
        }
    }

    private record Entry(Object value, Instant nextUpdate) {
    }
}
