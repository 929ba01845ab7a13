package cn.laorenjia.terminal.app;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

@ConfigMapping(prefix = "laorenjia.terminal")
public interface TerminalConfig {

    /** The central settlement service this counter talks to. */
    URI settlementUrl();
}
