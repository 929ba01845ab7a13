package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.card.CardIdentifier;
import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.PhoneNumber;
import cn.laorenjia.settlement.register.entity.Card;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A senior entered into the register with the dated facts eligibility depends on, and their cards. The phone (which
 * may be left out), the place and the card identifiers are checked through the core's value objects.
 */
public record NewSenior(IdNumber idNumber, String name, String phone, String district, String subdistrict,
                        List<Fact> facts, List<NewCard> cards) {

    public NewSenior {
        Objects.requireNonNull(idNumber, "idNumber");
        name = PersonName.requireValid(name);
        phone = PhoneNumber.optional(phone).map(PhoneNumber::value).orElse(null);
        district = DisplayName.of(DisplayName.Kind.DISTRICT, district).value();
        subdistrict = DisplayName.of(DisplayName.Kind.SUBDISTRICT, subdistrict).value();
        facts = List.copyOf(facts);
        cards = List.copyOf(cards);
    }

    public record NewCard(Card.Kind kind, String identifier, LocalDate issuedOn) {
        public NewCard {
            Objects.requireNonNull(kind, "kind");
            identifier = CardIdentifier.of(kind.form(), identifier).value();
            Objects.requireNonNull(issuedOn, "issuedOn");
        }
    }
}
