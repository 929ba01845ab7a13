package cn.laorenjia.core.policy;

import cn.laorenjia.core.money.Money;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict, typed access to one YAML mapping. Every key must be read (or {@link #finish()} refuses the
 * unread ones), so a misspelt key such as {@code max_per_weak} is an error, not a silently ignored
 * line that leaves a default in force.
 */
public final class YamlFields {

    private final Map<String, Object> values;
    private final String where;
    private final Set<String> read = new HashSet<>();

    private YamlFields(Map<String, Object> values, String where) {
        this.values = values;
        this.where = where;
    }

    static YamlFields of(Object mapping, String where) {
        if (!(mapping instanceof Map<?, ?> raw)) {
            throw new PolicyFileException(where, "expected a mapping (key: value), got " + describe(mapping));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        raw.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new YamlFields(copy, where);
    }

    /** Wraps an already-loaded mapping (e.g. defaults merged with overrides). */
    public static YamlFields fromMap(Map<String, ?> map, String where) {
        return of(map, where);
    }

    /** The keys present, in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value as loaded (marks the key read), for callers that merge mappings. */
    public Object rawValue(String key) {
        return raw(key);
    }

    public String where() {
        return where;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    private Object required(String key) {
        Object value = raw(key);
        if (value == null) {
            throw new PolicyFileException(where, "'" + key + "' is required");
        }
        return value;
    }

    public String text(String key) {
        return String.valueOf(required(key));
    }

    public String optionalText(String key) {
        Object value = raw(key);
        return value == null ? null : String.valueOf(value);
    }

    public int integer(String key) {
        Object value = required(key);
        if (!(value instanceof Integer i)) {
            throw new PolicyFileException(where, "'" + key + "' must be a whole number, got " + describe(value));
        }
        return i;
    }

    public Integer optionalInteger(String key) {
        if (!has(key)) {
            read.add(key);
            return null;
        }
        return integer(key);
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean b)) {
            throw new PolicyFileException(where, "'" + key + "' must be true or false, got " + describe(value));
        }
        return b;
    }

    public LocalDate date(String key) {
        return parseDate(key, text(key));
    }

    public LocalDate optionalDate(String key) {
        String text = optionalText(key);
        return text == null ? null : parseDate(key, text);
    }

    private LocalDate parseDate(String key, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new PolicyFileException(where, "'" + key + "' must be a date like 2024-01-01, got '" + text + "'");
        }
    }

    /** An amount in yuan, e.g. {@code 13.50} or {@code 3}; parsed exactly. */
    public Money yuan(String key) {
        String text = text(key);
        try {
            return Money.parseYuan(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PolicyFileException(where, "'" + key + "' must be an amount in yuan like 13.50, got '" + text + "'");
        }
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return toEnum(key, text(key), type);
    }

    private <E extends Enum<E>> E toEnum(String key, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(where, "'" + key + "': '" + text + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }

    public <E extends Enum<E>> List<E> enumList(String key, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (Object item : list(key)) {
            result.add(toEnum(key, String.valueOf(item), type));
        }
        return result;
    }

    public List<Object> list(String key) {
        Object value = required(key);
        if (!(value instanceof List<?> list)) {
            throw new PolicyFileException(where, "'" + key + "' must be a list, got " + describe(value));
        }
        return new ArrayList<>(list);
    }

    public List<Object> optionalList(String key) {
        if (!has(key)) {
            read.add(key);
            return List.of();
        }
        return list(key);
    }

    public YamlFields mapping(String key) {
        return of(required(key), where + " › " + key);
    }

    public List<YamlFields> mappings(String key) {
        List<YamlFields> result = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            result.add(of(items.get(i), where + " › " + key + "[" + (i + 1) + "]"));
        }
        return result;
    }

    /** Refuses keys that were present but never read: they are typos or rules this code does not know. */
    public void finish() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new PolicyFileException(where, "unknown key(s) " + unknown);
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
