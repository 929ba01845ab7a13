package cn.laorenjia.terminal.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this terminal is, which central service it reports to, and how the page recognises scanner input. */
@Path("/api/terminal")
public class TerminalInfoResource {

    public record Scanner(String prefix, String suffix, int maxKeyGapMillis, int minLength, int maxPauseMillis) {
    }

    public record TerminalInfo(String application, String settlementUrl, Scanner scanner) {
    }

    private final TerminalConfig config;

    public TerminalInfoResource(TerminalConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TerminalInfo info() {
        TerminalConfig.Scanner s = config.scanner();
        return new TerminalInfo("laorenjia-terminal", config.settlementUrl().toString(),
                new Scanner(s.prefix().orElse(""), s.suffix(), s.maxKeyGapMillis(), s.minLength(),
                        s.maxPauseMillis()));
    }
}
