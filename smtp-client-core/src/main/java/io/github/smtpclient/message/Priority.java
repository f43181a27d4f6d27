package io.github.smtpclient.message;

/**
 * How urgent a message is (the reference's MsgPriority). The writer expresses it in the three headers that
 * different mail clients read: {@code X-Priority} (1 to 5), {@code Importance} (RFC 2156) and {@code Priority}
 * (RFC 2156). A message without a priority carries none of them.
 */
public enum Priority {
    /** X-Priority 1, Importance high, Priority urgent. */
    HIGHEST("1 (Highest)", "high", "urgent"),
    /** X-Priority 2, Importance high, Priority urgent. */
    HIGH("2 (High)", "high", "urgent"),
    /** X-Priority 3, Importance normal, Priority normal. */
    NORMAL("3 (Normal)", "normal", "normal"),
    /** X-Priority 4, Importance low, Priority non-urgent. */
    LOW("4 (Low)", "low", "non-urgent"),
    /** X-Priority 5, Importance low, Priority non-urgent. */
    LOWEST("5 (Lowest)", "low", "non-urgent");

    private final String xPriority;
    private final String importance;
    private final String priority;

    Priority(String xPriority, String importance, String priority) {
        this.xPriority = xPriority;
        this.importance = importance;
        this.priority = priority;
    }

    String xPriority() {
        return xPriority;
    }

    String importance() {
        return importance;
    }

    String priority() {
        return priority;
    }

    /**
     * This priority as an RFC 6710 MT-PRIORITY, from its RFC 2156 {@code Priority} value: urgent 4, normal 0,
     * non-urgent -4 (leaving the extremes to senders that set MT-PRIORITY themselves).
     */
    public int mtPriority() {
        return switch (priority) {
            case "urgent" -> 4;
            case "non-urgent" -> -4;
            default -> 0;
        };
    }
}
