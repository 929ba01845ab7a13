package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.settlement.register.entity.Card;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A senior entered into the register with the dated facts eligibility depends on, and their cards. */
public record NewSenior(IdNumber idNumber, String name, String phone, String district, String subdistrict,
                        List<Fact> facts, List<NewCard> cards) {

    public NewSenior {
        Objects.requireNonNull(idNumber, "idNumber");
        name = PersonName.requireValid(name);
        Require.text(district, "district", 32);
        Require.text(subdistrict, "subdistrict", 32);
        facts = List.copyOf(facts);
        cards = List.copyOf(cards);
    }

    public record NewCard(Card.Kind kind, String identifier, LocalDate issuedOn) {
        public NewCard {
            Objects.requireNonNull(kind, "kind");
            Require.text(identifier, "card identifier", 64);
            Objects.requireNonNull(issuedOn, "issuedOn");
        }
    }
}
