package cn.laorenjia.core.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All versions of the rule that apply in one jurisdiction, ordered by effective date, with at most
 * one in force on any day. Overlapping versions are refused when the book is built: a meal must never
 * be decided by whichever file happened to load first. Gaps are allowed (no rule in force then).
 */
public final class PolicyBook {

    private final String jurisdiction;
    private final String nameZh;
    private final List<PolicyVersion> versions;

    public PolicyBook(String jurisdiction, String nameZh, List<PolicyVersion> versions) {
        this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction");
        this.nameZh = Objects.requireNonNull(nameZh, "name");
        List<PolicyVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(PolicyVersion::effectiveFrom));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException(jurisdiction + ": no policy versions");
        }
        for (int i = 1; i < sorted.size(); i++) {
            PolicyVersion earlier = sorted.get(i - 1);
            PolicyVersion later = sorted.get(i);
            if (earlier.id().equals(later.id())) {
                throw new IllegalArgumentException(jurisdiction + ": version id " + later.id() + " used twice");
            }
            if (earlier.overlaps(later)) {
                throw new IllegalArgumentException(jurisdiction + ": versions " + earlier + " and " + later
                        + " overlap; give the earlier one an effective_until no later than " + later.effectiveFrom());
            }
        }
        this.versions = List.copyOf(sorted);
    }

    /** The id under which this book is looked up, e.g. {@code baodi}. */
    public String jurisdiction() {
        return jurisdiction;
    }

    public String nameZh() {
        return nameZh;
    }

    /** Every version, oldest first. */
    public List<PolicyVersion> versions() {
        return versions;
    }

    /** The version in force on this (Asia/Shanghai) date, if any. */
    public Optional<PolicyVersion> inForceOn(LocalDate date) {
        return versions.stream().filter(v -> v.isInForceOn(date)).findFirst();
    }

    public Optional<PolicyVersion> version(String id) {
        return versions.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return jurisdiction + " " + versions;
    }
}
