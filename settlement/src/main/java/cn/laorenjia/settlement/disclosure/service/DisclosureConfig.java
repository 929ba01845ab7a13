package cn.laorenjia.settlement.disclosure.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public page's settings ({@code laorenjia.public.*}, 信息公开). */
@ConfigMapping(prefix = "laorenjia.public")
public interface DisclosureConfig {

    /**
     * The district's number for questions about the meal programme, shown on every canteen of the public page beside
     * the 街镇's own (kept per 街镇 in the register). Default: 12345, the government service hotline every city has.
     */
    @WithDefault("12345")
    String hotline();

    /** What the hotline is called on the page. */
    @WithDefault("政务服务便民热线")
    String hotlineLabel();

    /** How long browsers and proxies may keep the page (Cache-Control max-age, seconds): a change shows after this. */
    @WithDefault("300")
    int maxAgeSeconds();
}
