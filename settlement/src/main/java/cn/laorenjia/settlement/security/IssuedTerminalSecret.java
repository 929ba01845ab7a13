package cn.laorenjia.settlement.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A terminal's new secret, shown exactly once: only its digest is kept, so a lost secret is replaced by
 * rotating, never recovered. Any previous secret of the terminal stops working at once.
 */
@Schema(description = "终端密钥 (shown once): put the authorization value into the terminal's configuration")
public record IssuedTerminalSecret(
        String terminalCode,
        @Schema(description = "43 base64url characters (256 random bits)") String secret,
        @Schema(description = "the header value to send with every request",
                example = "Terminal BD-HB-01-T1:3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        String authorization,
        Instant issuedAt) {

    static IssuedTerminalSecret of(String terminalCode, String secret, Instant issuedAt) {
        return new IssuedTerminalSecret(terminalCode, secret,
                TerminalAuthenticationMechanism.SCHEME + " " + terminalCode + ":" + secret, issuedAt);
    }
}
