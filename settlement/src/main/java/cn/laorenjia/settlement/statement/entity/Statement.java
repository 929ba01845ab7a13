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
 * A canteen's monthly statement as drafted: totals and lines refreshed set-based from what is settled (see
 * StatementRepository). Its confirmed state is the insert-only statement_confirmation row; once that exists the
 * database refuses any change to this row. Rows are created by the refresh, never persisted from here.
 */
@Entity
@Table(name = "statement")
@DynamicUpdate
public class Statement extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "canteen_id", nullable = false, updatable = false)
    public long canteenId;

    /** The first day of the month. */
    @Column(nullable = false, updatable = false)
    public LocalDate month;

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
}
