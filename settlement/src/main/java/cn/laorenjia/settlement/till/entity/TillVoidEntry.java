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
import java.util.UUID;

/** A sale voided at the till and refunded in full by its tender, in the sale's own shift. Append-only (V20). */
@Entity
@Immutable
@Table(name = "till_void")
public class TillVoidEntry extends PanacheEntityBase {

    @Id
    @Column(name = "void_id")
    public UUID voidId;

    @Column(name = "sale_id", nullable = false)
    public UUID saleId;

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

    @Column(nullable = false)
    public String reason;

    @Column(name = "refund_fen", nullable = false)
    public long refundFen;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tender tender;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;
}
