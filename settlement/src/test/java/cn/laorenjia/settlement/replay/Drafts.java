package cn.laorenjia.settlement.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Draft texts for the replay tests: the shipped 2024 version file with its id and chosen figures changed. */
final class Drafts {

    private Drafts() {
    }

    static String shipped2024() {
        try (InputStream in = Drafts.class.getClassLoader().getResourceAsStream("policies/tianjin/2024.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 2024 rules under another id, with another discount per meal (e.g. "4.00"). */
    static String withDiscount(String id, String yuan) {
        return shipped2024().replace("id: tianjin-2024", "id: " + id)
                .replace("subsidy_per_meal: 3.00", "subsidy_per_meal: " + yuan);
    }

    /** The 1-based line on which {@code text} first appears in {@code yaml}. */
    static int lineOf(String yaml, String text) {
        String before = yaml.substring(0, yaml.indexOf(text));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
}
