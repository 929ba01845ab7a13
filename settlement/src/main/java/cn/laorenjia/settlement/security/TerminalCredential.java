package cn.laorenjia.settlement.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The digest of a terminal's current secret; the secret itself is never stored. */
@Entity
@Table(name = "terminal_credential")
public class TerminalCredential extends PanacheEntityBase {

    @Id
    @Column(name = "terminal_id")
    public Long terminalId;

    @Column(name = "secret_sha256", nullable = false)
    public byte[] secretSha256;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;
}
