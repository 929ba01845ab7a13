package cn.laorenjia.settlement.app;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Tells whoever started the service where to look. A command ({@code settle}, {@code verify-ledger}) serves nothing
 * (its HTTP port is 0), so it prints only its result.
 */
@ApplicationScoped
public class StartupBanner {

    private final SettlementConfig config;
    private final String base;
    private final String[] args;

    public StartupBanner(SettlementConfig config, @ConfigProperty(name = "quarkus.http.port") int port,
                         @ConfigProperty(name = "quarkus.http.ssl-port") int sslPort,
                         @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> tls,
                         @CommandLineArguments String[] args) {
        this.config = config;
        // with a certificate (README "传输加密") the service is reached over HTTPS
        this.base = tls.isPresent() ? "https://localhost:" + sslPort : "http://localhost:" + port;
        this.args = args;
    }

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (SettlementMain.isCommand(args)) {
            return;
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println();
        System.out.println("老人家食堂助餐结算中心已启动 (settlement service is up) in " + sinceJvmStart + " ms since JVM start");
        System.out.println("  登录 sign-in:           " + base + "/signin");
        System.out.println("  财务结算 finance:       " + base + "/finance");
        System.out.println("  健康检查 health:        " + base + "/q/health");
        System.out.println("  接口文档 OpenAPI (管理员 administrators): " + base + "/q/openapi");
        System.out.println("  接口调试 Swagger UI (管理员 administrators): " + base + "/q/swagger-ui");
        System.out.println("  登记册概况 register:    " + base + "/api/register/summary");
        config.embeddedDataDir().ifPresent(dir ->
                System.out.println("  数据目录 data (embedded PostgreSQL): " + dir));
        System.out.println();
    }
}
