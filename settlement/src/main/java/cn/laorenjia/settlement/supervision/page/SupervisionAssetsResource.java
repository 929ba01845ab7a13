package cn.laorenjia.settlement.supervision.page;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The supervision pages' style, a file of its own (the Content-Security-Policy allows no inline style). No data. */
@Path("/supervision/assets")
public class SupervisionAssetsResource {

    private final String style = resource("/supervision/supervision.css");

    @GET
    @Path("/supervision.css")
    @Produces("text/css; charset=UTF-8")
    @PermitAll
    public Response style() {
        return Response.ok(style).header("Cache-Control", "no-cache").build();
    }

    private static String resource(String name) {
        try (InputStream in = SupervisionAssetsResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
