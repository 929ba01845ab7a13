package cn.laorenjia.core.senior;

import cn.laorenjia.core.calendar.Age;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the policy needs to know about one senior: the ID number (which gives the birth date)
 * and the dated facts from the register, answered as "what holds on this date?".
 *
 * <p>Refuses contradictory data on construction: two facts of a single-valued kind (enrolment state,
 * disability level, low-income status, disability grade, death) may not hold on the same day, since
 * guessing which one is right would decide a subsidy on a coin toss.
 */
public final class SeniorFacts {

    private final IdNumber id;
    private final List<Fact> facts;

    private SeniorFacts(IdNumber id, List<Fact> facts) {
        this.id = Objects.requireNonNull(id, "id number");
        this.facts = List.copyOf(facts);
        for (int i = 0; i < this.facts.size(); i++) {
            Fact a = this.facts.get(i);
            for (int j = i + 1; j < this.facts.size(); j++) {
                Fact b = this.facts.get(j);
                if (a.kind() == b.kind() && !a.kind().mayOverlap() && a.period().overlaps(b.period())) {
                    throw new IllegalArgumentException(a.kind() + "（" + a.kind().labelZh() + "）的两条记录日期重叠："
                            + (a.value() == null ? "" : a.value() + " ") + a.period() + " 与 "
                            + (b.value() == null ? "" : b.value() + " ") + b.period());
                }
            }
        }
    }

    public static SeniorFacts of(IdNumber id, List<Fact> facts) {
        return new SeniorFacts(id, facts);
    }

    public IdNumber id() {
        return id;
    }

    public LocalDate birthDate() {
        return id.birthDate();
    }

    public List<Fact> facts() {
        return facts;
    }

    /** Age in full years (周岁) on this date; see {@link Age} for the 29 February rule. */
    public int ageOn(LocalDate date) {
        return Age.fullYears(birthDate(), date);
    }

    /** Whether at least one fact of this kind holds on this date. */
    public boolean holds(FactKind kind, LocalDate date) {
        return facts.stream().anyMatch(f -> f.kind() == kind && f.holdsOn(date));
    }

    private Optional<String> valueOn(FactKind kind, LocalDate date) {
        // Single-valued kinds never overlap (checked in the constructor), so at most one matches.
        return facts.stream().filter(f -> f.kind() == kind && f.holdsOn(date)).map(Fact::value).findFirst();
    }

    public boolean isLocalHouseholdOn(LocalDate date) {
        return holds(FactKind.LOCAL_HOUSEHOLD, date);
    }

    public Set<VisitingCareCategory> visitingCareCategoriesOn(LocalDate date) {
        Set<VisitingCareCategory> categories = EnumSet.noneOf(VisitingCareCategory.class);
        for (Fact f : facts) {
            if (f.kind() == FactKind.VISITING_CARE_CATEGORY && f.holdsOn(date)) {
                categories.add(VisitingCareCategory.valueOf(f.value()));
            }
        }
        return categories;
    }

    public boolean receivesHomeCareSubsidyOn(LocalDate date) {
        return holds(FactKind.HOME_CARE_SUBSIDY, date);
    }

    public Optional<LowIncomeStatus> lowIncomeStatusOn(LocalDate date) {
        return valueOn(FactKind.LOW_INCOME_STATUS, date).map(LowIncomeStatus::valueOf);
    }

    public Optional<DisabilityLevel> disabilityLevelOn(LocalDate date) {
        return valueOn(FactKind.DISABILITY_LEVEL, date).map(DisabilityLevel::valueOf);
    }

    /** The disability grade (1 = most severe) for which the hardship disability allowance is received. */
    public OptionalInt hardshipDisabilityGradeOn(LocalDate date) {
        Optional<String> grade = valueOn(FactKind.HARDSHIP_DISABILITY_ALLOWANCE, date);
        return grade.isPresent() ? OptionalInt.of(Integer.parseInt(grade.get())) : OptionalInt.empty();
    }

    public boolean livesInInstitutionOn(LocalDate date) {
        return holds(FactKind.INSTITUTION_RESIDENCE, date);
    }

    public boolean isInCentralisedSupportOn(LocalDate date) {
        return holds(FactKind.CENTRALISED_SUPPORT, date);
    }

    public Optional<EnrolmentState> enrolmentOn(LocalDate date) {
        return valueOn(FactKind.ENROLMENT, date).map(EnrolmentState::valueOf);
    }

    public Optional<LocalDate> dateOfDeath() {
        return facts.stream().filter(f -> f.kind() == FactKind.DEATH).map(f -> f.period().from()).findFirst();
    }

    /** Deceased from the date of death itself: "death ends eligibility from that date". */
    public boolean isDeceasedOn(LocalDate date) {
        return holds(FactKind.DEATH, date);
    }

    /** A copy with one more fact (e.g. a suspension recorded today). */
    public SeniorFacts with(Fact fact) {
        List<Fact> more = new ArrayList<>(facts);
        more.add(fact);
        return new SeniorFacts(id, more);
    }

    @Override
    public String toString() {
        return "SeniorFacts[" + id.masked() + ", " + facts.size() + " facts]";
    }
}
