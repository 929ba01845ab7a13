package cn.laorenjia.core.policy;

import cn.laorenjia.core.meal.MealSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every jurisdiction's policy book, loaded from YAML.
 *
 * <p>Layout: {@code index.yaml} lists the jurisdictions; each either lists its own version files
 * ({@code versions: [tianjin/2019.yaml, …]}) or {@code applies:} another jurisdiction's book. That is
 * how 宝坻区 works: it executes the Tianjin city list, so {@code baodi} resolves to Tianjin's versions
 * (and decisions there record {@code tianjin-2024} as the deciding version). A district that later
 * issues its own rule gets its own files without any code change.
 *
 * <p>{@link #loadDefault()} reads the files shipped in this jar under {@code policies/};
 * {@link #load(Path)} reads a directory of the same layout (for a deployment's own policy files).
 */
public final class PolicyCatalog {

    public static final String DEFAULT_RESOURCE_ROOT = "policies/";

    private final Map<String, PolicyBook> books;

    private PolicyCatalog(Map<String, PolicyBook> books) {
        this.books = Map.copyOf(books);
    }

    public static PolicyCatalog of(List<PolicyBook> books) {
        Map<String, PolicyBook> map = new LinkedHashMap<>();
        for (PolicyBook book : books) {
            if (map.putIfAbsent(book.jurisdiction(), book) != null) {
                throw new IllegalArgumentException("jurisdiction " + book.jurisdiction() + " listed twice");
            }
        }
        return new PolicyCatalog(map);
    }

    /** The policy files shipped with the core (Tianjin 2019/2022/2024, Baodi → Tianjin, illustrative Shangluo). */
    public static PolicyCatalog loadDefault() {
        return loadFromClasspath(DEFAULT_RESOURCE_ROOT);
    }

    /** Loads {@code root + "index.yaml"} and its version files from the classpath. */
    static PolicyCatalog loadFromClasspath(String root) {
        ClassLoader loader = PolicyCatalog.class.getClassLoader();
        return load(name -> {
            InputStream in = loader.getResourceAsStream(root + name);
            if (in == null) {
                throw new PolicyFileException(root + name, "not found on the classpath");
            }
            return in;
        });
    }

    /** Loads {@code directory/index.yaml} and the version files it names (paths relative to the directory). */
    public static PolicyCatalog load(Path directory) {
        return load(name -> {
            Path file = directory.resolve(name).normalize();
            if (!file.startsWith(directory.normalize())) {
                throw new PolicyFileException(name, "version files must stay inside the policy directory");
            }
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open policy file " + file, e);
            }
        });
    }

    /** Opens a file by its name relative to the policy root. */
    @FunctionalInterface
    interface Opener {
        InputStream open(String name);
    }

    static PolicyCatalog load(Opener opener) {
        YamlFields index = PlainYaml.loadMapping(opener.open("index.yaml"), "index.yaml");
        Map<String, YamlFields> entries = new LinkedHashMap<>();
        for (YamlFields entry : index.mappings("jurisdictions")) {
            String id = entry.text("id");
            if (entries.putIfAbsent(id, entry) != null) {
                throw new PolicyFileException("index.yaml", "jurisdiction " + id + " listed twice");
            }
        }
        index.finish();

        Map<String, PolicyBook> books = new LinkedHashMap<>();
        Map<String, String> appliesOther = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, YamlFields> e : entries.entrySet()) {
            String id = e.getKey();
            YamlFields entry = e.getValue();
            names.put(id, entry.text("name_zh"));
            String applies = entry.optionalText("applies");
            List<Object> files = entry.optionalList("versions");
            entry.finish();
            if ((applies == null) == files.isEmpty()) {
                throw new PolicyFileException(entry.where(), id + ": give either 'versions' or 'applies', not both or neither");
            }
            if (applies != null) {
                appliesOther.put(id, applies);
                continue;
            }
            List<PolicyVersion> versions = new ArrayList<>();
            for (Object file : files) {
                String name = String.valueOf(file);
                PolicyVersion version = readVersion(PlainYaml.loadMapping(opener.open(name), name));
                if (!version.jurisdiction().equals(id)) {
                    throw new PolicyFileException(name, "declares jurisdiction " + version.jurisdiction() + " but is listed under " + id);
                }
                versions.add(version);
            }
            books.put(id, build(id, names.get(id), versions, "index.yaml"));
        }
        Map<String, PolicyBook> own = Map.copyOf(books);
        for (Map.Entry<String, String> e : appliesOther.entrySet()) {
            PolicyBook target = own.get(e.getValue());
            if (target == null) {
                // One level only: a district applies a city's own rule, never another district's borrowed one.
                throw new PolicyFileException("index.yaml", e.getKey() + " applies '" + e.getValue() + "', which has no versions of its own");
            }
            books.put(e.getKey(), new PolicyBook(e.getKey(), names.get(e.getKey()), target.versions()));
        }
        return new PolicyCatalog(books);
    }

    private static PolicyBook build(String id, String name, List<PolicyVersion> versions, String where) {
        try {
            return new PolicyBook(id, name, versions);
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(where, e.getMessage(), e);
        }
    }

    /**
     * Reads and validates one version file on its own, the way the catalogue reads its files: how a proposed
     * version (a draft, never in force) is checked. {@code name} is used in error messages only.
     */
    public static PolicyVersion readVersion(InputStream in, String name) {
        return readVersion(PlainYaml.loadMapping(in, name));
    }

    /** Reads one version file; every key must be known. */
    static PolicyVersion readVersion(YamlFields f) {
        try {
            PolicyVersion.Builder b = PolicyVersion.builder()
                    .id(f.text("id"))
                    .jurisdiction(f.text("jurisdiction"))
                    .titleZh(f.text("title_zh"))
                    .effectiveFrom(f.date("effective_from"))
                    .effectiveUntil(f.optionalDate("effective_until"))
                    .effectiveDateConfirmed(f.bool("effective_date_confirmed", false))
                    .illustrative(f.bool("illustrative", false))
                    .subsidyPerMeal(f.yuan("subsidy_per_meal"))
                    .operatingSubsidyPerMeal(f.yuan("operating_subsidy_per_meal"))
                    .maxSubsidisedMealsPerDay(f.integer("max_subsidised_meals_per_day"))
                    .maxSubsidisedMealsPerWeek(f.integer("max_subsidised_meals_per_week"))
                    .qualifyingDays(f.enumValue("qualifying_days", QualifyingDays.class));
            Set<MealSlot> slots = EnumSet.noneOf(MealSlot.class);
            for (MealSlot slot : f.enumList("meal_slots", MealSlot.class)) {
                if (!slots.add(slot)) {
                    throw new PolicyFileException(f.where(), "meal slot " + slot + " listed twice");
                }
            }
            b.mealSlots(slots);
            List<LegalSource> sources = new ArrayList<>();
            for (YamlFields s : f.mappings("sources")) {
                sources.add(new LegalSource(s.text("title"), s.optionalText("clause"), s.optionalText("url"), s.optionalText("note")));
                s.finish();
            }
            b.sources(sources);
            YamlFields std = f.mapping("standard_set");
            b.standardSet(new StandardSetRule(std.yuan("reference_price"), std.integer("allowed_deviation_percent")));
            std.finish();
            for (YamlFields r : f.mappings("routes")) {
                b.route(new RouteRule(r.enumValue("route", EligibilityRoute.class), r.integer("min_age"),
                        r.optionalInteger("max_age_exclusive"), r.optionalInteger("max_disability_grade")));
                r.finish();
            }
            f.finish();
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new PolicyFileException(f.where(), e.getMessage(), e);
        }
    }

    public Set<String> jurisdictions() {
        return books.keySet();
    }

    public Optional<PolicyBook> findBook(String jurisdiction) {
        return Optional.ofNullable(books.get(jurisdiction));
    }

    /** The book of a jurisdiction; throws if it is unknown (a configuration error, not a meal decision). */
    public PolicyBook book(String jurisdiction) {
        PolicyBook book = books.get(jurisdiction);
        if (book == null) {
            throw new IllegalArgumentException("unknown jurisdiction '" + jurisdiction + "'; known: " + jurisdictions());
        }
        return book;
    }

    /** The version in force on this date in this jurisdiction, if any. */
    public Optional<PolicyVersion> inForce(String jurisdiction, LocalDate date) {
        return book(jurisdiction).inForceOn(date);
    }
}
