package cn.laorenjia.contract.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How the contract's records become JSON outside a Quarkus application (the counter's files on disk, tools,
 * tests): the same settings as Quarkus' own mapper (dates as ISO-8601 text, unknown fields ignored) plus
 * {@link MoneyJson}. Inside the services, {@link #configure} is applied to the Quarkus mapper instead.
 */
public final class ContractJson {

    private ContractJson() {
    }

    /** A new mapper for the contract's records. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a sale's time keeps the offset the counter wrote (+08:00), as on the wire
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE));
    }

    /** Registers the contract's one form of Money on a mapper (a service's, already set up for java.time). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new MoneyJson());
    }
}
