package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
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

/** One set on a canteen's menu. */
@Entity
@Table(name = "meal_set")
public class MealSet extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meal_set_id")
    @SequenceGenerator(name = "meal_set_id", sequenceName = "meal_set_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "canteen_id")
    public Canteen canteen;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MealSlot slot;

    @Column(name = "price_fen", nullable = false)
    public long priceFen;

    @Column(nullable = false)
    public boolean active = true;

    public Money price() {
        return Money.ofFen(priceFen);
    }
}
