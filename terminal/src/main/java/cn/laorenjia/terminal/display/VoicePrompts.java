package cn.laorenjia.terminal.display;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words the senior display speaks, one template per {@link Prompt}, e.g. {@code paid=已减免{discount}元，请慢用}.
 * The jar's voice-prompts.properties holds the defaults; a canteen's own file replaces them key by key. A key the
 * canteen's file lacks, or whose text names a placeholder that prompt does not have (or has an unmatched brace), keeps
 * the default: a typo in the file never makes the display speak "{amout}". An empty text means silence.
 */
public final class VoicePrompts {

    private static final Logger LOG = Logger.getLogger(VoicePrompts.class);
    private static final String DEFAULTS = "/voice-prompts.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** What the display speaks, with the placeholders each prompt may use. */
    public enum Prompt {
        /** A subsidised meal is previewed. */
        PREVIEW("preview", "discount", "amount", "price", "remainingWeek", "remainingToday"),
        /** A meal at full price is previewed (no reason is ever spoken). */
        FULL_PRICE("full-price", "amount", "price"),
        /** A subsidised sale is recorded. */
        PAID("paid", "discount", "amount", "price", "remainingWeek", "remainingToday"),
        /** A full-price sale is recorded. */
        PAID_FULL_PRICE("paid-full-price", "amount", "price"),
        /** A sale is voided. */
        VOIDED("voided", "refund"),
        /** The cashier is dealing with something; the senior waits. */
        PLEASE_WAIT("please-wait");

        private final String key;
        private final Set<String> placeholders;

        Prompt(String key, String... placeholders) {
            this.key = key;
            this.placeholders = Set.of(placeholders);
        }

        /** The key in the properties file. */
        public String key() {
            return key;
        }

        public Set<String> placeholders() {
            return placeholders;
        }
    }

    private final Map<Prompt, String> templates;

    private VoicePrompts(Map<Prompt, String> templates) {
        this.templates = templates;
    }

    /** The jar's prompts only. */
    public static VoicePrompts defaults() {
        return new VoicePrompts(readDefaults());
    }

    /**
     * The jar's prompts with the canteen's file over them. A missing file is the normal case (nothing changed); an
     * unreadable one is logged and the defaults are spoken, the counter keeps selling.
     */
    public static VoicePrompts load(Path canteenFile) {
        Map<Prompt, String> templates = readDefaults();
        Properties own;
        try (Reader in = Files.newBufferedReader(canteenFile, StandardCharsets.UTF_8)) {
            own = new Properties();
            own.load(in);
        } catch (NoSuchFileException e) {
            return new VoicePrompts(templates);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("voice prompts %s not read (%s): the default prompts are spoken", canteenFile, e.getMessage());
            return new VoicePrompts(templates);
        }
        for (Prompt prompt : Prompt.values()) {
            String text = own.getProperty(prompt.key());
            if (text == null) {
                continue;
            }
            if (fits(prompt, text.strip())) {
                templates.put(prompt, text.strip());
            } else {
                LOG.warnf("voice prompt %s in %s uses a placeholder other than %s: the default is spoken", prompt.key(),
                        canteenFile, prompt.placeholders());
            }
        }
        for (String key : own.stringPropertyNames()) {
            if (Arrays.stream(Prompt.values()).noneMatch(p -> p.key().equals(key))) {
                LOG.warnf("voice prompts %s: unknown key %s ignored", canteenFile, key);
            }
        }
        return new VoicePrompts(templates);
    }

    /** The prompt with its placeholders filled, or null for silence (an empty text). */
    public String say(Prompt prompt, Map<String, String> values) {
        String template = templates.get(prompt);
        if (template.isEmpty()) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder spoken = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(spoken, Matcher.quoteReplacement(Objects.toString(values.get(m.group(1)), "")));
        }
        m.appendTail(spoken);
        return spoken.toString();
    }

    /** The template of a prompt, as it will be spoken (for the README's tour and the tests). */
    public String template(Prompt prompt) {
        return templates.get(prompt);
    }

    /** Only the prompt's own placeholders, and no brace that is not part of one. */
    private static boolean fits(Prompt prompt, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!prompt.placeholders().contains(m.group(1))) {
                return false;
            }
        }
        String rest = m.replaceAll("");
        return rest.indexOf('{') < 0 && rest.indexOf('}') < 0;
    }

    private static Map<Prompt, String> readDefaults() {
        Properties jar = new Properties();
        try (InputStream in = VoicePrompts.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the terminal's jar");
            }
            jar.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Prompt, String> templates = new EnumMap<>(Prompt.class);
        for (Prompt prompt : Prompt.values()) {
            String text = jar.getProperty(prompt.key());
            if (text == null || !fits(prompt, text.strip())) {
                throw new IllegalStateException(DEFAULTS + ": prompt " + prompt.key() + " missing or malformed");
            }
            templates.put(prompt, text.strip());
        }
        return templates;
    }
}
