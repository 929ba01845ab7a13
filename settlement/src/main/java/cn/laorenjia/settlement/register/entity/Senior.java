package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.SeniorFacts;
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
import org.hibernate.annotations.SQLRestriction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "senior")
public class Senior extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "senior_id")
    @SequenceGenerator(name = "senior_id", sequenceName = "senior_id_seq", allocationSize = 50)
    public Long id;

    /** The full 18-character ID number: never shown unmasked to roles that do not need it. */
    @Column(name = "id_number", nullable = false, unique = true)
    public String idNumber;

    @Column(nullable = false)
    public String name;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Column(nullable = false)
    public boolean male;

    public String phone;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public String subdistrict;

    /** The facts that hold or held: a fact corrected on its first day (see SeniorFact#correctedAt) is left out. */
    @OneToMany(mappedBy = "senior", cascade = CascadeType.PERSIST)
    @OrderBy("validFrom, id")
    @SQLRestriction("corrected_at is null")
    public List<SeniorFact> facts = new ArrayList<>();

    @OneToMany(mappedBy = "senior", cascade = CascadeType.PERSIST)
    public List<Card> cards = new ArrayList<>();

    public IdNumber parsedIdNumber() {
        return IdNumber.parse(idNumber);
    }

    /** The senior's facts in the core's terms, ready for an eligibility decision. */
    public SeniorFacts toFacts() {
        List<Fact> list = new ArrayList<>(facts.size());
        for (SeniorFact f : facts) {
            list.add(f.toFact());
        }
        return SeniorFacts.of(parsedIdNumber(), list);
    }
}
