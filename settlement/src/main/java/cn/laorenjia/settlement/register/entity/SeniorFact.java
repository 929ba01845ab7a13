package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.Period;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A dated fact about a senior, holding over [validFrom, validTo). */
@Entity
@Table(name = "senior_fact")
public class SeniorFact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "senior_fact_id")
    @SequenceGenerator(name = "senior_fact_id", sequenceName = "senior_fact_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "senior_id")
    public Senior senior;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FactKind kind;

    public String value;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    /** Exclusive; null while the fact still holds. */
    @Column(name = "valid_to")
    public LocalDate validTo;

    /** Who recorded the fact: a username, or "system" (the sample register, rows from before the audit). */
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy = "system";

    /** Who ended it, once ended through the register API. */
    @Column(name = "ended_by")
    public String endedBy;

    /**
     * Set when the fact was corrected on its first day (recorded by mistake): it never held, every reader leaves it
     * out, and the row stays for the senior's history (V22).
     */
    @Column(name = "corrected_at")
    public Instant correctedAt;

    @Column(name = "corrected_by")
    public String correctedBy;

    public static SeniorFact of(Senior senior, Fact fact) {
        SeniorFact row = new SeniorFact();
        row.senior = senior;
        row.kind = fact.kind();
        row.value = fact.value();
        row.validFrom = fact.period().from();
        row.validTo = fact.period().to();
        return row;
    }

    public Fact toFact() {
        return fact(kind, value, validFrom, validTo);
    }

    /** A row's columns as the core's fact: the one conversion, also for readers that stream rows without entities. */
    public static Fact fact(FactKind kind, String value, LocalDate validFrom, LocalDate validTo) {
        Period period = validTo == null ? Period.from(validFrom) : Period.between(validFrom, validTo);
        return new Fact(kind, value, period);
    }
}
