package cn.laorenjia.terminal.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A terminal's connection settings for tests that build its parts outside Quarkus. */
public record TestTerminalConfig(URI settlementUrl, Optional<String> code, Optional<String> secret,
                                 Duration connectTimeout, Duration readTimeout) implements TerminalConfig {

    public static TestTerminalConfig of(URI settlement, String code, String secret) {
        return new TestTerminalConfig(settlement, Optional.of(code), Optional.of(secret), Duration.ofSeconds(2),
                Duration.ofSeconds(8));
    }

    @Override
    public Optional<Path> demoCredentialFile() {
        return Optional.empty();
    }

    @Override
    public Scanner scanner() {
        throw new UnsupportedOperationException("no scanner outside Quarkus");
    }

    @Override
    public Receipt receipt() {
        throw new UnsupportedOperationException("no printer outside Quarkus");
    }
}
