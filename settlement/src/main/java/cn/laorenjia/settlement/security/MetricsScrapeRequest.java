package cn.laorenjia.settlement.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token a metrics scraper presented as {@code Authorization: Bearer <token>} on /q/metrics. */
public final class MetricsScrapeRequest extends BaseAuthenticationRequest {

    private final String token;

    public MetricsScrapeRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
