package cn.laorenjia.settlement.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.temporal.Temporal;

/**
 * Request bodies mean one thing or are refused (MALFORMED_REQUEST, naming the field or the place):
 * <ul>
 * <li>Amounts are whole fen. Jackson by default truncates a fractional number into an integer field, so
 * {@code "priceFen": 1500.7} was read as 1500 and could authorise a sale; {@code 1.5e3} too.</li>
 * <li>A key given twice ({@code {"identification": {...}, "identification": {...}}}) is refused. Found by
 * fuzzing: on the records the API reads, Jackson failed with InvalidDefinitionException, which Quarkus
 * answered with a bare 500.</li>
 * <li>A value of the wrong JSON type is refused, not converted. Jackson by default reads {@code "priceFen":"1500"}
 * as 1500, {@code "granted":"true"} or {@code "granted":1} as true, {@code "mealSetCode":123} as "123",
 * {@code "from":20261123} as a date in the year 57443, and {@code "priceFen":""} or {@code "saleId":""} as
 * absent. Every such coercion is turned off: strings for numbers and booleans, numbers and booleans for
 * strings, numbers for booleans and booleans for numbers, numbers for dates, and the empty string for anything
 * that is not text. (An integer is still accepted where a decimal is expected: {@code 1} is a valid
 * {@code 1.0}; no request field is a decimal today.)</li>
 * </ul>
 * Deserialisation only: what the service writes is unchanged, and the answers it stores and replays are
 * written by this same mapper with the right types.
 */
@Singleton
public class StrictJsonInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuseCoercions(mapper);
        mapper.registerModule(new SimpleModule("laorenjia-dates-are-text").setDeserializerModifier(new DatesAreText()));
    }

    /** The coercions of scalar JSON values that Jackson otherwise applies silently. */
    static void refuseCoercions(ObjectMapper mapper) {
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // "" is not an absent UUID, date or number: a field left out, or null, says that
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    /**
     * Dates and instants are ISO-8601 text. Jackson's java.time readers take a number as epoch seconds (or days)
     * and ignore the coercion settings above for it, so {@code "occurredAt":1700000000} was a date: refused here.
     */
    static final class DatesAreText extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new NoNumbers(deserializer) : deserializer;
        }
    }

    private static final class NoNumbers extends DelegatingDeserializer {

        NoNumbers(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new NoNumbers(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return context.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, context);
        }
    }
}
