package cn.laorenjia.settlement.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A terminal's code and the secret it presented in the {@code Authorization: Terminal code:secret} header. */
public final class TerminalAuthenticationRequest extends BaseAuthenticationRequest {

    private final String terminalCode;
    private final String secret;

    public TerminalAuthenticationRequest(String terminalCode, String secret) {
        this.terminalCode = terminalCode;
        this.secret = secret;
    }

    public String terminalCode() {
        return terminalCode;
    }

    public String secret() {
        return secret;
    }
}
