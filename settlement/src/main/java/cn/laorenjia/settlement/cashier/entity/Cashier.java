package cn.laorenjia.settlement.cashier.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A cashier of one canteen, who signs in at its counters with a number and a PIN. Never deleted: a cashier who
 * leaves is deactivated, so every number the ledger recorded stays someone the register can name.
 */
@Entity
@Table(name = "cashier")
public class Cashier extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "canteen_id", nullable = false)
    public long canteenId;

    /** Digits, 1 to 8, unique within the canteen. */
    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String name;

    /** bcrypt modular-crypt string of the PIN; the PIN is never stored. */
    @Column(name = "pin_hash", nullable = false)
    public String pinHash;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
