package cn.laorenjia.settlement.replay.page;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The replay pages' script and style, files of their own (the Content-Security-Policy allows no inline style). No data. */
@Path("/replay/assets")
public class ReplayAssetsResource {

    private final String style = resource("/replay/replay.css");
    private final String script = resource("/replay/replay.js");

    @GET
    @Path("/replay.js")
    @Produces("text/javascript; charset=UTF-8")
    @PermitAll
    public Response script() {
        return Response.ok(script).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/replay.css")
    @Produces("text/css; charset=UTF-8")
    @PermitAll
    public Response style() {
        return Response.ok(style).header("Cache-Control", "no-cache").build();
    }

    private static String resource(String name) {
        try (InputStream in = ReplayAssetsResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
