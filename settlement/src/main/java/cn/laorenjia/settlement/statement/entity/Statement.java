package cn.laorenjia.settlement.statement.entity;

import cn.laorenjia.core.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A canteen's monthly statement: a DRAFT whose totals and lines are refreshed set-based from what is settled
 * (see StatementRepository), then CONFIRMED by finance, after which the database refuses any change. Rows are
 * created by the refresh, never persisted from here; an update writes only the columns that changed, so it
 * never writes back totals the refresh has moved on.
 */
@Entity
@Table(name = "statement")
@DynamicUpdate
public class Statement extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String CONFIRMED = "CONFIRMED";

    @Id
    public Long id;

    @Column(name = "canteen_id", nullable = false, updatable = false)
    public long canteenId;

    /** The first day of the month. */
    @Column(nullable = false, updatable = false)
    public LocalDate month;

    @Column(nullable = false)
    public String status;

    @Column(name = "rule_versions", nullable = false)
    public String ruleVersions;

    @Column(nullable = false)
    public long sales;

    @Column(nullable = false)
    public long voids;

    @Column(nullable = false)
    public long meals;

    @Column(name = "discount_fen", nullable = false)
    public Money discount;

    @Column(name = "operating_subsidy_fen", nullable = false)
    public Money operatingSubsidy;

    @Column(name = "net_owed_fen", nullable = false)
    public Money netOwed;

    @Column(name = "adjustment_meals", nullable = false)
    public long adjustmentMeals;

    @Column(name = "adjustment_net_owed_fen", nullable = false)
    public Money adjustmentNetOwed;

    @Column(name = "generated_at", nullable = false)
    public Instant generatedAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    public boolean confirmed() {
        return CONFIRMED.equals(status);
    }

    /** Confirms this draft as of {@code at}, by {@code by}; from the commit on, the database keeps it as it is. */
    public void confirm(Instant at, String by) {
        status = CONFIRMED;
        confirmedAt = at;
        confirmedBy = by;
    }
}
