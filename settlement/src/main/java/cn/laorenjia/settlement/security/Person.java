package cn.laorenjia.settlement.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** Someone who signs in: an administrator, finance or supervision officer, a canteen manager, or a 街道 clerk. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** bcrypt modular-crypt string; null when the person signs in only through an external provider. */
    @Column(name = "password_hash")
    public String passwordHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] roles;

    /** The id of the canteen a canteen manager manages (a registered canteen); null for every other role. */
    @Column(name = "canteen_id")
    public Long canteenId;

    /** A clerk's 区 and 街镇 (the seniors they may see and change); null for every other role. */
    public String district;

    public String subdistrict;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
