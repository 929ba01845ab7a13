package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.money.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "canteen")
public class Canteen extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canteen_id")
    @SequenceGenerator(name = "canteen_id", sequenceName = "canteen_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    /** Which policy decides this canteen's meals, e.g. "tianjin". */
    @Column(nullable = false)
    public String jurisdiction;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public String subdistrict;

    public String address;

    @Column(name = "standard_set_price_fen", nullable = false)
    public long standardSetPriceFen;

    @Column(nullable = false)
    public boolean active = true;

    /** For the public page: when it is open, as the administrator wrote it; null when not given. */
    @Column(name = "opening_hours")
    public String openingHours;

    /** For the public page: the canteen's telephone; null when not given. */
    @Column(name = "public_phone")
    public String publicPhone;

    @OneToMany(mappedBy = "canteen", cascade = CascadeType.PERSIST)
    @OrderBy("slot, priceFen")
    public List<MealSet> menu = new ArrayList<>();

    @OneToMany(mappedBy = "canteen", cascade = CascadeType.PERSIST)
    @OrderBy("code")
    public List<Terminal> terminals = new ArrayList<>();

    public Money standardSetPrice() {
        return Money.ofFen(standardSetPriceFen);
    }
}
