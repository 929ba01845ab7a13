package cn.laorenjia.terminal.settlement;

import cn.laorenjia.terminal.app.TerminalConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Who this terminal is to the settlement service, and where that service is: from configuration
 * (LAORENJIA_TERMINAL_CODE / LAORENJIA_TERMINAL_SECRET), or else from the demo credential file the settlement
 * service writes on its embedded default.
 */
public record TerminalCredentials(String code, String secret, URI settlementUrl, String source) {

    public String authorization() {
        return "Terminal " + code + ":" + secret;
    }

    /** Empty while neither configuration nor the demo file gives a credential (the page then says so). */
    public static Optional<TerminalCredentials> resolve(TerminalConfig config) {
        if (config.code().isPresent() && config.secret().isPresent()) {
            return Optional.of(new TerminalCredentials(config.code().get(), config.secret().get(),
                    config.settlementUrl(), "configuration"));
        }
        Path file = config.demoCredentialFile().orElseGet(TerminalCredentials::defaultDemoFile);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        String code = p.getProperty("laorenjia.terminal.code");
        String secret = p.getProperty("laorenjia.terminal.secret");
        String url = p.getProperty("laorenjia.terminal.settlement-url");
        if (code == null || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new TerminalCredentials(code, secret, url == null ? config.settlementUrl() : URI.create(url),
                file.toString()));
    }

    /** Where the settlement service keeps its embedded data: $LAORENJIA_DATA_DIR or ~/.laorenjia/settlement. */
    static Path defaultDemoFile() {
        String dir = System.getenv("LAORENJIA_DATA_DIR");
        Path base = dir == null || dir.isBlank()
                ? Path.of(System.getProperty("user.home"), ".laorenjia", "settlement") : Path.of(dir);
        return base.resolve("demo-terminal.properties");
    }
}
