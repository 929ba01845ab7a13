package cn.laorenjia.settlement.security;

import java.time.Duration;

/**
 * A sign-in refused without looking at the credential: too many failures for the account or the address. The
 * exception mappers answer it as 429 SIGN_IN_LOCKED with Retry-After. The identity providers throw it as the
 * cause of an {@code AuthenticationFailedException} (a final class), so Quarkus treats it as any failed sign-in.
 */
public class SignInLocked extends RuntimeException {

    private final Duration retryAfter;

    public SignInLocked(Duration retryAfter) {
        super("sign-in throttled", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: what Retry-After says. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** 登录失败次数过多，请 N 分钟后再试 (seconds while it is under a minute). */
    public String messageZh() {
        long seconds = retryAfterSeconds();
        return seconds < 60 ? "登录失败次数过多，请 " + seconds + " 秒后再试"
                : "登录失败次数过多，请 " + ((seconds + 59) / 60) + " 分钟后再试";
    }
}
