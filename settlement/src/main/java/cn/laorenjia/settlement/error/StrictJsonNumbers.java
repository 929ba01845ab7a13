package cn.laorenjia.settlement.error;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Amounts are whole fen. Jackson by default truncates a fractional number into an integer field, so
 * {@code "priceFen": 1500.7} used to be read as 1500 and could authorise a sale; {@code 1.5e3} too. With this
 * such a number is a MALFORMED_REQUEST naming the field.
 */
@Singleton
public class StrictJsonNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
