package cn.laorenjia.settlement.till.entity;

import cn.laorenjia.core.till.Tender;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A meal sold at the till, subsidised or at full price, with its tender and change. Append-only (V20). Holds the
 * senior's register id where the central could resolve it, never what identified them.
 */
@Entity
@Immutable
@Table(name = "till_sale")
public class TillSaleEntry extends PanacheEntityBase {

    /** Whether a subsidised sale's ledger entry was there, and matched, when the sale arrived. */
    public enum LedgerAtUpload { CONFIRMED, UNCONFIRMED, NONE }

    @Id
    @Column(name = "sale_id")
    public UUID saleId;

    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "shift_id", nullable = false)
    public UUID shiftId;

    @Column(name = "canteen_id", nullable = false)
    public long canteenId;

    @Column(name = "terminal_id", nullable = false)
    public long terminalId;

    @Column(name = "cashier_number", nullable = false)
    public String cashierNumber;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "meal_date", nullable = false)
    public LocalDate mealDate;

    @Column(name = "meal_set_id", nullable = false)
    public long mealSetId;

    @Column(name = "price_fen", nullable = false)
    public long priceFen;

    @Column(name = "discount_fen", nullable = false)
    public long discountFen;

    @Column(name = "due_fen", nullable = false)
    public long dueFen;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tender tender;

    @Column(name = "tendered_fen", nullable = false)
    public long tenderedFen;

    @Column(name = "change_fen", nullable = false)
    public long changeFen;

    @Column(nullable = false)
    public boolean subsidised;

    @Column(nullable = false)
    public boolean offline;

    /** CARD, QR, MANUAL, or null for a walk-in. */
    @Column(name = "identified_by")
    public String identifiedBy;

    @Column(name = "senior_id")
    public Long seniorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "ledger_at_upload", nullable = false)
    public LedgerAtUpload ledgerAtUpload;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;
}
