package cn.laorenjia.terminal.cashier;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The cashier page's sign-in (localhost only): who sells at this counter now. */
@Path("/api/cashier")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class CashierResource {

    public record SignIn(String number, String pin) {
        @Override
        public String toString() {
            return "SignIn[number=" + number + ", pin=***]";
        }
    }

    private final CashierSession session;

    public CashierResource(CashierSession session) {
        this.session = session;
    }

    /** {signedIn: false}, or the cashier: number, name, offline (signed in against the kept hash). */
    @GET
    public Map<String, Object> current() {
        return view(session.current().orElse(null));
    }

    @POST
    @Path("/sign-in")
    public Map<String, Object> signIn(SignIn body) {
        return view(session.signIn(body == null ? null : body.number(), body == null ? null : body.pin()));
    }

    @POST
    @Path("/sign-out")
    public Map<String, Object> signOut() {
        session.signOut();
        return view(null);
    }

    static Map<String, Object> view(CashierSession.SignedIn cashier) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("signedIn", cashier != null);
        if (cashier != null) {
            v.put("number", cashier.number());
            v.put("name", cashier.name());
            v.put("offline", cashier.offline());
        }
        return v;
    }

    @ServerExceptionMapper
    public Response refused(CashierSession.Refused e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code(), "message", e.messageZh())).build();
    }
}
