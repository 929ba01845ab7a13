package cn.laorenjia.terminal.cashier;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Every local endpoint that sells or voids answers 403 CASHIER_SIGN_IN_REQUIRED while nobody is signed in. */
public class CashierErrors {

    @ServerExceptionMapper
    public Response signInRequired(CashierSignInRequired e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", CashierSignInRequired.CODE, "message", CashierSignInRequired.MESSAGE_ZH)).build();
    }
}
