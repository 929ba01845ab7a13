package cn.laorenjia.settlement.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies mean one thing or are refused (MALFORMED_REQUEST, naming the field or the place):
 * <ul>
 * <li>Amounts are whole fen. Jackson by default truncates a fractional number into an integer field, so
 * {@code "priceFen": 1500.7} was read as 1500 and could authorise a sale; {@code 1.5e3} too.</li>
 * <li>A key given twice ({@code {"identification": {...}, "identification": {...}}}) is refused. Found by
 * fuzzing: on the records the API reads, Jackson failed with InvalidDefinitionException, which Quarkus
 * answered with a bare 500.</li>
 * </ul>
 */
@Singleton
public class StrictJsonInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
