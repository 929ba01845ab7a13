package cn.laorenjia.terminal.guard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The counter's pages fetch the per-boot token here. {@link CounterGuard} lets only requests from the counter's own
 * origin through (right Host, no foreign Origin, Referer or Sec-Fetch-Site), and no CORS header is ever sent, so a
 * page of another origin cannot read this answer.
 */
@Path("/api/session")
public class SessionResource {

    private final CounterToken token;

    public SessionResource(CounterToken token) {
        this.token = token;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response session() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return Response.ok(Map.of("token", token.value())).cacheControl(noStore).build();
    }
}
