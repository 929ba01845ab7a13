package cn.laorenjia.terminal.settlement;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Signs every call to the central with this terminal's credential: {@code Authorization: Terminal <code>:<secret>}. */
final class TerminalAuthorization implements ClientRequestFilter {

    private final String authorization;

    TerminalAuthorization(TerminalCredentials credentials) {
        this.authorization = credentials.authorization();
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, authorization);
    }
}
