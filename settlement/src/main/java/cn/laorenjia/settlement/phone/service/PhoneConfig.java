package cn.laorenjia.settlement.phone.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The senior's own phone page: activation codes and the device cookie. */
@ConfigMapping(prefix = "laorenjia.phone")
public interface PhoneConfig {

    /** How long a clerk's activation code can be redeemed. */
    @WithDefault("PT24H")
    Duration activationValidity();

    /**
     * How long the browser keeps the device cookie (Chrome caps cookies at 400 days); a lost phone is revoked, not
     * waited out.
     */
    @WithDefault("P400D")
    Duration deviceCookieMaxAge();

    /** How many canteens the page lists: those of the senior's 街镇 first, then of the 区. */
    @WithDefault("5")
    int nearbyCanteens();

    /** How many of the last meals the page lists. */
    @WithDefault("5")
    int lastMeals();

    /** The address the clerk's activation QR points to (e.g. https://canteen.example.cn); else the request's. */
    java.util.Optional<String> publicBaseUrl();
}
