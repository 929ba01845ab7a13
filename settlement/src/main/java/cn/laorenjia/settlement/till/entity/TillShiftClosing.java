package cn.laorenjia.settlement.till.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A shift's closing with both Z reports, the counter's as sent and the central's own. Append-only (V20). */
@Entity
@Immutable
@Table(name = "till_shift_closing")
public class TillShiftClosing extends PanacheEntityBase {

    @Id
    @Column(name = "shift_id")
    public UUID shiftId;

    @Column(name = "cashier_number", nullable = false)
    public String cashierNumber;

    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;

    @Column(name = "counted_cash_fen", nullable = false)
    public long countedCashFen;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "counter_report", nullable = false, columnDefinition = "jsonb")
    public String counterReport;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "central_report", nullable = false, columnDefinition = "jsonb")
    public String centralReport;

    @Column(nullable = false)
    public boolean agrees;

    /** A JSON list of the figures that differ. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String differences;

    @Column(name = "unconfirmed_subsidised", nullable = false)
    public int unconfirmedSubsidised;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;
}
