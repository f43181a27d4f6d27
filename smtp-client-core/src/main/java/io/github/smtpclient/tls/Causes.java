package io.github.smtpclient.tls;

/** Searches an exception's cause chain, where JSSE and PKIX wrap the exception that says what went wrong. */
final class Causes {

    private Causes() {
    }

    static boolean contain(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
