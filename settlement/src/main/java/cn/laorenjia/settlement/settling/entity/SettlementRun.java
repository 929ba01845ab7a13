package cn.laorenjia.settlement.settling.entity;

import cn.laorenjia.core.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The record of one settlement run: what it covered, the ledger it saw, what it wrote and its check of
 * everything settled for the range against the ledger. Written in the run's own transaction.
 */
@Entity
@Table(name = "settlement_run")
public class SettlementRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "from_date", nullable = false)
    public LocalDate from;

    @Column(name = "to_date", nullable = false)
    public LocalDate to;

    /** "scheduler", "cli" or the username of whoever asked. */
    @Column(name = "triggered_by", nullable = false)
    public String triggeredBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The highest meal_entry.seq in the run's snapshot: the ledger the run saw. */
    @Column(name = "ledger_seq", nullable = false)
    public long ledgerSeq;

    @Column(name = "day_rows", nullable = false)
    public int dayRows;

    @Column(name = "adjustment_rows", nullable = false)
    public int adjustmentRows;

    @Column(name = "ledger_meals", nullable = false)
    public long ledgerMeals;

    @Column(name = "ledger_discount_fen", nullable = false)
    public Money ledgerDiscount = Money.ZERO;

    @Column(name = "ledger_operating_fen", nullable = false)
    public Money ledgerOperatingSubsidy = Money.ZERO;

    @Column(name = "settled_meals", nullable = false)
    public long settledMeals;

    @Column(name = "settled_discount_fen", nullable = false)
    public Money settledDiscount = Money.ZERO;

    @Column(name = "settled_operating_fen", nullable = false)
    public Money settledOperatingSubsidy = Money.ZERO;

    @Column(name = "mismatched_groups", nullable = false)
    public int mismatchedGroups;

    @Column(nullable = false)
    public boolean reconciled;

    /** The ledger chain's head in the run's snapshot (position 0: empty chain). */
    @Column(name = "chain_position")
    public Long chainPosition;

    /** Hex of the head's hash. */
    @Column(name = "chain_hash")
    @Convert(converter = HexBytes.class)
    public String chainHash;

    /** The nightly verification of the whole chain: null when this run did not verify, false when tampered. */
    @Column(name = "chain_verified")
    public Boolean chainVerified;

    /** When the verification failed: how many problems and the first one. */
    @Column(name = "chain_problem")
    public String chainProblem;

    /** A bytea column seen as hex text. */
    @Converter
    public static class HexBytes implements AttributeConverter<String, byte[]> {
        @Override
        public byte[] convertToDatabaseColumn(String hex) {
            return hex == null ? null : java.util.HexFormat.of().parseHex(hex);
        }

        @Override
        public String convertToEntityAttribute(byte[] bytes) {
            return bytes == null ? null : java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
