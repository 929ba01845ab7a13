package cn.laorenjia.contract.json;

import cn.laorenjia.core.money.Money;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;

/**
 * The one JSON form of {@link Money} on the counter ⇄ central API: a whole number of fen ({@code "priceFen": 1300}).
 * Reading is strict: only a JSON integer is an amount; {@code 1300.0}, {@code 1.3e3}, {@code "1300"} and
 * {@code true} are refused (a price that silently changed is worse than an error). Money itself stays in the pure
 * core, which knows no JSON; both services register this module on their mappers.
 *
 * <p>The yuan text shown to people ({@code "price": "13.00"}) is not a second amount: the records derive it from
 * the same Money with {@link #yuan(Money)}.
 */
public final class MoneyJson extends SimpleModule {

    public MoneyJson() {
        super("laorenjia-money-as-fen", Version.unknownVersion());
        addSerializer(Money.class, new FenWriter());
        addDeserializer(Money.class, new FenReader());
    }

    /** "13.00" for the people at the counter; null for no amount. */
    public static String yuan(Money amount) {
        return amount == null ? null : amount.toYuanString();
    }

    static final class FenWriter extends StdScalarSerializer<Money> {
        FenWriter() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.fen());
        }
    }

    static final class FenReader extends StdScalarDeserializer<Money> {
        FenReader() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return Money.ofFen(p.getLongValue()); // beyond a long: Jackson's own InputCoercionException
            }
            return (Money) context.handleUnexpectedToken(Money.class, p.currentToken(), p,
                    "an amount is a whole number of fen");
        }
    }
}
