package cn.laorenjia.settlement.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Request latency as a histogram ({@code http_server_requests_seconds_bucket}), so that percentiles can be computed
 * over any window and across instances (histogram_quantile), between 5 ms and 10 s (the counter's read timeout is
 * 8 s): about 50 buckets (measured: 51 with +Inf) per URI template, method, status and outcome. Quarkus tags the URI
 * with the endpoint's template ({@code /api/meals/{saleId}/void}), never the raw path, and caps the URIs it tags
 * (quarkus.micrometer.binder.http-server.max-uri-tags).
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
