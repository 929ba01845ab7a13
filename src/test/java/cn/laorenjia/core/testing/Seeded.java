package cn.laorenjia.core.testing;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Property tests over seeded {@link Random} generators (no jqwik, at its author's request). Each trial
 * gets its own seed; a failure reports it, and {@code -Dcore.seed=<seed>} replays exactly that trial.
 * {@code -Dcore.trials=<n>} caps the number of trials (used by the PIT run).
 */
public final class Seeded {

    private Seeded() {
    }

    public static void forAll(String property, int trials, Consumer<Random> check) {
        String replay = System.getProperty("core.seed");
        if (replay != null) {
            runOne(property, Long.parseLong(replay), check);
            return;
        }
        // Mutation testing runs every test once per mutant: it lowers the count with -Dcore.trials.
        int count = Math.min(trials, Integer.getInteger("core.trials", trials));
        long base = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runOne(property, base + i * 0x9E3779B97F4A7C15L, check);
        }
    }

    private static void runOne(String property, long seed, Consumer<Random> check) {
        try {
            check.accept(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            String message = property + " failed for seed " + seed + " (replay with -Dcore.seed=" + seed + "): " + e.getMessage();
            System.err.println(message);
            throw new AssertionError(message, e);
        }
    }
}
