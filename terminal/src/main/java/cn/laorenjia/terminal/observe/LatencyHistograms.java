package cn.laorenjia.terminal.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The counter's request latency as a histogram ({@code http_server_requests_seconds_bucket}), as on the central:
 * between 5 ms and 10 s, about 50 buckets (measured: 51 with +Inf) per URI template, method, status and outcome; the URI is the endpoint's
 * template. (Its calls to the central are timed by the REST client, {@code http_client_requests_seconds}.)
 */
@Singleton
public class LatencyHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter httpServerHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build().merge(config);
            }
        };
    }
}
