package cn.laorenjia.settlement.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed configuration of sign-in: see application.properties for the documented properties. */
@ConfigMapping(prefix = "laorenjia.security")
public interface SecurityConfig {

    BootstrapAdmin bootstrapAdmin();

    /**
     * bcrypt cost for new password hashes. 10 is about 60-80 ms on a small server: slow enough to make
     * guessing a stolen hash expensive, quick enough for HTTP Basic on every administrator request.
     */
    @WithDefault("10")
    int bcryptCost();

    /**
     * How long one instance may reuse a terminal's credential row without reading it again. Every sale
     * is authenticated, so this saves a database round trip per sale at the lunch peak. Rotating a secret
     * or deactivating a terminal takes effect at once on the instance that did it and within this long on
     * the others.
     */
    @WithDefault("PT10S")
    Duration terminalCacheTtl();

    /**
     * Known accounts for tests and development only, keyed by username. Ignored (with a warning) in
     * production mode, so a copied test configuration can never open a production system.
     */
    Map<String, DevUser> devUsers();

    /** People's browser sessions and the cross-site defences (README "登录、会话与跨站防护"). */
    Session session();

    interface Session {
        /**
         * Whether the sign-in cookies always carry Secure. false: Secure exactly when the request reached this
         * service over TLS (behind a TLS-terminating reverse proxy, with quarkus.http.proxy.proxy-address-forwarding
         * so that X-Forwarded-Proto counts); true: always, e.g. when a proxy that does not forward the scheme
         * terminates TLS.
         */
        @WithDefault("false")
        boolean alwaysSecureCookie();

        /**
         * Further origins (scheme://host[:port]) whose pages may send state-changing requests: the public address of
         * a reverse proxy that does not pass the original Host on. The service's own origin, as the request reached
         * it, is always allowed.
         */
        Optional<List<String>> trustedOrigins();
    }

    /** Throttling of failed sign-ins (people and terminals): see {@link SignInThrottle}. */
    Throttle throttle();

    interface Throttle {
        /** Per account (a username or a terminal code). */
        @WithDefault("5")
        int accountBackoffAfter();

        @WithDefault("10")
        int accountLockAfter();

        /** Per client address: higher, since an office or a canteen may share one address. */
        @WithDefault("20")
        int addressBackoffAfter();

        @WithDefault("50")
        int addressLockAfter();

        /** The first back-off; each further failure doubles it (never beyond the lock). */
        @WithDefault("PT2S")
        Duration firstBackoff();

        @WithDefault("PT15M")
        Duration lockDuration();

        /** Failures are forgotten this long after the last one (and an account's at its next correct sign-in). */
        @WithDefault("PT1H")
        Duration forgetAfter();
    }

    interface BootstrapAdmin {
        /** The account created when the user store is empty at start-up. */
        @WithDefault("admin")
        String username();

        /** Its password; when absent a random one is generated and printed once to the console. */
        Optional<String> password();
    }

    interface DevUser {
        String password();

        List<String> roles();

        /** Canteen code, for a canteen manager. */
        Optional<String> canteen();

        /** 区 and 街镇, for a 街道 clerk. */
        Optional<String> district();

        Optional<String> subdistrict();

        Optional<String> displayName();
    }
}
