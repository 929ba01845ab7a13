package cn.laorenjia.settlement.register.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A 街道 or 镇 of a district, on the jurisdiction's list: seniors and canteens are placed only in one that is active.
 * Deactivated, never deleted (those already placed there keep it).
 */
@Entity
@Table(name = "subdistrict")
public class Subdistrict extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public String name;

    /** The short code canteen codes carry ("HB" in BD-HB-01). */
    @Column(name = "short_code", nullable = false)
    public String shortCode;

    @Column(nullable = false)
    public boolean active = true;

    /** Whom the public calls about the meal programme here (the 街镇's 民政 office); null when not given. */
    @Column(name = "contact_phone")
    public String contactPhone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
