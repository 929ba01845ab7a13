package cn.laorenjia.settlement.register.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A counter terminal; it acts only for its own canteen. */
@Entity
@Table(name = "terminal")
public class Terminal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "terminal_id")
    @SequenceGenerator(name = "terminal_id", sequenceName = "terminal_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "canteen_id")
    public Canteen canteen;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean active = true;
}
