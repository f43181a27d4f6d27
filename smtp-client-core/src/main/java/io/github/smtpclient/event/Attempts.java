package io.github.smtpclient.event;

/** The one rule for the attempt numbers events carry. */
final class Attempts {

    private Attempts() {
    }

    static void check(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
        }
    }
}
