package cn.laorenjia.terminal.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the counter says to people is written with full-width punctuation (，：；！？（）) wherever the text is Chinese:
 * a half-width comma between two Chinese clauses on the cashier's screen was one of the issue's findings. Every string
 * literal of the counter's code, pages and prompt files is read (a bracket that opens in one literal and closes in the
 * next is caught at either end); log lines and console banners (bilingual on purpose) are left out.
 */
class FullWidthPunctuationTest {

    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'");
    private static final Pattern HALF_WIDTH_IN_CHINESE = Pattern.compile(
            "\\p{IsHan}\\s?[,;:!?()]|[,;!?()]\\s?[\\p{IsHan}，。；：]");

    @Test
    void chineseTextUsesFullWidthPunctuation() throws IOException {
        List<String> found = new ArrayList<>();
        Path main = Path.of("src", "main");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean code = name.endsWith(".java") || name.endsWith(".js");
                boolean text = name.endsWith(".html") || name.endsWith(".properties");
                if (!code && !text) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String trimmed = line.strip();
                    if (trimmed.startsWith("*") || trimmed.startsWith("//") || trimmed.startsWith("/*")
                            || trimmed.startsWith("#") || trimmed.startsWith("<!--") || line.contains("LOG.")
                            || line.contains("System.out")) {
                        continue;
                    }
                    for (String said : code ? literals(line) : List.of(textOf(line))) {
                        if (HALF_WIDTH_IN_CHINESE.matcher(said).find()) {
                            found.add(main.relativize(file) + ":" + (i + 1) + ": " + said);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "half-width punctuation in Chinese text");
    }

    private static List<String> literals(String line) {
        List<String> list = new ArrayList<>();
        Matcher m = LITERAL.matcher(line);
        while (m.find()) {
            list.add(m.group());
        }
        return list;
    }

    /** The words of a page line or a prompt file's value: markup and keys are not text. */
    private static String textOf(String line) {
        String words = line.replaceAll("<[^>]*>", " ");
        int eq = words.indexOf('=');
        return eq >= 0 && !line.contains("<") ? words.substring(eq + 1) : words;
    }
}
