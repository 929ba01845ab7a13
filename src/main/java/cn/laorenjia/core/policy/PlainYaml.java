package cn.laorenjia.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML as the policy files need it: safe (no arbitrary classes), and with <b>no implicit timestamps
 * and no implicit floats</b>.
 *
 * <p>Why: SnakeYAML would turn {@code 2024-01-01} into a {@code java.util.Date} at UTC midnight (a time
 * zone bug waiting to happen) and {@code 13.50} into a {@code double} (a rounding bug waiting to
 * happen). Here both stay text and are parsed exactly, as {@code LocalDate} and {@code Money}, so an
 * officer can write {@code price: 13.50} without quotes and get exactly 1350 fen.
 */
public final class PlainYaml {

    private PlainYaml() {
    }

    /** Loads one YAML document whose root is a mapping. */
    public static YamlFields loadMapping(InputStream in, String sourceName) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Object root = yaml().load(reader);
            if (!(root instanceof Map<?, ?>)) {
                throw new PolicyFileException(sourceName, "the file must be a YAML mapping (key: value)");
            }
            return YamlFields.of(root, sourceName);
        } catch (YAMLException e) {
            throw new PolicyFileException(sourceName, "not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName, e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options,
                new TextualResolver());
    }

    /** The standard resolver minus timestamps and floats. */
    private static final class TextualResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
