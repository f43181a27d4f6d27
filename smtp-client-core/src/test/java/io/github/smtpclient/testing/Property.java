package io.github.smtpclient.testing;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Property-based testing with JUnit Jupiter and nothing else: {@link #forAll(int, Check)} runs a check on {@code tries}
 * cases, each drawn from its own seeded {@link Gen}. When a case fails, the assertion error names the case's seed and
 * the values it drew, and says how to run exactly that case again:
 *
 * <pre>{@code
 * @Test
 * void roundTrips() {
 *     Property.forAll(500, gen -> {
 *         byte[] data = gen.bytes(300);
 *         assertThat(decode(encode(data))).isEqualTo(data);
 *     });
 * }
 * // fails with: "Property failed on case 17 of 500, seed 0x5DEECE66DL. Rerun only this case with
 * //   -Dproperty.seed=0x5DEECE66D -Dproperty.tries=1. Drawn: bytes[3] = 0d 2e 00"
 * }</pre>
 *
 * <p>The base seed is random per run unless {@code -Dproperty.seed} fixes it (hex with {@code 0x}, or decimal); case
 * 0 uses the base seed itself and case {@code i} a seed derived from it, so a printed case seed with
 * {@code -Dproperty.tries=1} replays that case alone. {@code -Dproperty.tries} also caps the tries of every
 * property, for a quick run. There is no shrinking: the generators favour short values and the bytes that matter, so
 * failures tend to be small already.
 */
public final class Property {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Property() {
    }

    /** A check of one generated case. */
    @FunctionalInterface
    public interface Check {

        /** Draws the case's values from {@code gen} and asserts the property; any throwable fails the case. */
        void check(Gen gen) throws Exception;
    }

    /** Runs {@code check} on {@code tries} cases (fewer when {@code -Dproperty.tries} says so). */
    public static void forAll(int tries, Check check) {
        long base = baseSeed();
        int limit = Math.min(tries, Integer.getInteger("property.tries", tries));
        for (int i = 0; i < limit; i++) {
            long seed = i == 0 ? base : mix(base + i * GOLDEN_GAMMA);
            Gen gen = new Gen(seed);
            try {
                check.check(gen);
            } catch (Throwable failure) {
                String hex = "0x" + Long.toHexString(seed).toUpperCase(Locale.ROOT);
                AssertionError error = new AssertionError("Property failed on case " + i + " of " + limit + ", seed "
                        + hex + ". Rerun only this case with -Dproperty.seed=" + hex + " -Dproperty.tries=1."
                        + " Drawn: " + gen.drawn() + "\n" + failure, failure);
                throw error;
            }
        }
    }

    private static long baseSeed() {
        String fixed = System.getProperty("property.seed");
        if (fixed == null || fixed.isBlank()) {
            return new SplittableRandom().nextLong();
        }
        String digits = fixed.strip();
        return digits.regionMatches(true, 0, "0x", 0, 2) ? Long.parseUnsignedLong(digits.substring(2), 16)
                : Long.parseLong(digits);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
