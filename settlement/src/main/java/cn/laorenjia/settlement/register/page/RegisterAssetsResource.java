package cn.laorenjia.settlement.register.page;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The register pages' style and script: files of their own (the Content-Security-Policy allows nothing inline). */
@Path("/register/assets")
public class RegisterAssetsResource {

    private final String script = resource("/register/register.js");
    private final String style = resource("/register/register.css");

    @GET
    @Path("/register.js")
    @Produces("text/javascript; charset=UTF-8")
    @PermitAll
    public Response script() {
        return Response.ok(script).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("/register.css")
    @Produces("text/css; charset=UTF-8")
    @PermitAll
    public Response style() {
        return Response.ok(style).header("Cache-Control", "no-cache").build();
    }

    private static String resource(String name) {
        try (InputStream in = RegisterAssetsResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
