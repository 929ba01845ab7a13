package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.card.CardKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A card or printed QR credential that identifies (not authenticates) a senior. */
@Entity
@Table(name = "card")
public class Card extends PanacheEntityBase {

    public enum Kind {
        UID, SOCIAL_SECURITY, PRINTED_QR;

        /** The core's kind, which knows what an identifier of this kind looks like. */
        public CardKind form() {
            return CardKind.valueOf(name());
        }
    }

    public enum Status { ACTIVE, LOST, REVOKED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "card_id")
    @SequenceGenerator(name = "card_id", sequenceName = "card_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "senior_id")
    public Senior senior;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String identifier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;

    @Column(name = "issued_on", nullable = false)
    public LocalDate issuedOn;

    @Column(name = "revoked_on")
    public LocalDate revokedOn;

    /** Who issued the card: a username, or "system" (the sample register, rows from before the audit). */
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy = "system";

    /** Who marked it lost or revoked. */
    @Column(name = "revoked_by")
    public String revokedBy;
}
