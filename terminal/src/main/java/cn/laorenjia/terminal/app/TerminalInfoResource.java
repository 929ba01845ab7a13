package cn.laorenjia.terminal.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this terminal is and which central service it reports to. */
@Path("/api/terminal")
public class TerminalInfoResource {

    public record TerminalInfo(String application, String settlementUrl) {
    }

    private final TerminalConfig config;

    public TerminalInfoResource(TerminalConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TerminalInfo info() {
        return new TerminalInfo("laorenjia-terminal", config.settlementUrl().toString());
    }
}
