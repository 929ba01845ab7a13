package cn.laorenjia.terminal.app;

import cn.laorenjia.terminal.settlement.TerminalCredentials;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tells the person who started the terminal which pages to open and which credential it uses. */
@ApplicationScoped
public class StartupBanner {

    private final TerminalConfig config;
    private final int port;

    public StartupBanner(TerminalConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.port = port;
    }

    void onStart(@Observes StartupEvent event) {
        String base = "http://127.0.0.1:" + port;
        System.out.println();
        System.out.println("老人家食堂收银终端已启动 (counter terminal is up)");
        System.out.println("  收银页面 cashier page:      " + base + "/");
        System.out.println("  老人显示屏 senior display:  " + base + "/display.html");
        System.out.println(TerminalCredentials.resolve(config)
                .map(c -> "  终端 terminal " + c.code() + " → " + c.settlementUrl() + " (credential from " + c.source() + ")")
                .orElse("  尚未配置终端凭证（no credential yet）：set LAORENJIA_TERMINAL_CODE and LAORENJIA_TERMINAL_SECRET,"
                        + " or start the settlement service on its embedded default on this machine: its demo credential is"
                        + " picked up as soon as it is written"));
        System.out.println();
    }
}
