package cn.laorenjia.settlement.persistence;

import cn.laorenjia.core.money.Money;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Money} as its integer fen in a {@code bigint} column (the schema's {@code …_fen} columns), so an
 * entity holds {@code Money} instead of a bare {@code long}. Applied to every {@code Money} attribute.
 */
@Converter(autoApply = true)
public class MoneyConverter implements AttributeConverter<Money, Long> {

    @Override
    public Long convertToDatabaseColumn(Money money) {
        return money == null ? null : money.fen();
    }

    @Override
    public Money convertToEntityAttribute(Long fen) {
        return fen == null ? null : Money.ofFen(fen);
    }
}
