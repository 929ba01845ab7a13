package cn.laorenjia.settlement.samples;

import cn.laorenjia.settlement.app.SettlementConfig;
import cn.laorenjia.settlement.register.entity.Terminal;
import cn.laorenjia.settlement.security.IssuedTerminalSecret;
import cn.laorenjia.settlement.security.TerminalCredential;
import cn.laorenjia.settlement.security.TerminalCredentialService;
import cn.laorenjia.settlement.security.TerminalSecrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * On the embedded default with sample data, gives one sample counter terminal a working secret and writes it
 * into the local data directory ({@value #FILE_NAME}, readable by the owner only), where the terminal app
 * started on the same machine finds it. So one command brings up a usable cashier page, and no secret is in
 * the repository. A secret is issued only while the demo owns the terminal's credential: on first start, or when
 * the database was reset. Once an administrator has issued or rotated that terminal's secret, a restart leaves it
 * alone (re-issuing would silently undo the rotation) and says how to give the counter the new one.
 */
@ApplicationScoped
public class DemoTerminalCredential {

    public static final String FILE_NAME = "demo-terminal.properties";
    /** Who the register names as the issuer of the demo's own secrets. */
    static final String ISSUER = "demo-terminal-credential";
    private static final Logger LOG = Logger.getLogger(DemoTerminalCredential.class);

    private final SettlementConfig config;
    private final TerminalCredentialService credentials;
    private final int port;

    public DemoTerminalCredential(SettlementConfig config, TerminalCredentialService credentials,
                                  @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.credentials = credentials;
        this.port = port;
    }

    /** After the sample register (default priority) and the user store (3000). */
    void onStart(@Observes @Priority(3100) StartupEvent event) {
        if (!config.demoTerminal().enabled() || config.embeddedDataDir().isEmpty()) {
            return;
        }
        String code = config.demoTerminal().code();
        Path file = Path.of(config.embeddedDataDir().get()).resolve(FILE_NAME);
        try {
            ensure(code, file);
        } catch (IOException e) {
            LOG.warnf("Could not write the demo terminal credential to %s: %s", file, e.getMessage());
        }
    }

    void ensure(String code, Path file) throws IOException {
        Terminal terminal = QuarkusTransaction.requiringNew().call(
                () -> Terminal.<Terminal>find("code", code).firstResult());
        if (terminal == null) {
            LOG.infof("No demo terminal credential: the register has no terminal %s", code);
            return;
        }
        TerminalCredential stored = QuarkusTransaction.requiringNew().call(
                () -> TerminalCredential.findById(terminal.id));
        if (Files.exists(file) && stillValid(stored, file)) {
            System.out.println("  示例收银终端 demo terminal " + code + ": credential in " + file);
            return;
        }
        if (stored != null && !ISSUER.equals(stored.issuedBy)) {
            System.out.println("  示例收银终端 demo terminal " + code + ": 密钥已由 " + stored.issuedBy
                    + " 更换，不再自动签发；请把新密钥写入 " + file + " (laorenjia.terminal.secret) 或设置"
                    + " LAORENJIA_TERMINAL_SECRET (the secret was rotated by " + stored.issuedBy
                    + "; a restart does not re-issue it)");
            return;
        }
        IssuedTerminalSecret issued = QuarkusTransaction.requiringNew().call(() -> credentials.issue(code, ISSUER));
        Properties p = new Properties();
        p.setProperty("laorenjia.terminal.code", issued.terminalCode());
        p.setProperty("laorenjia.terminal.secret", issued.secret());
        p.setProperty("laorenjia.terminal.settlement-url", "http://localhost:" + port);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions protect it
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Demo counter terminal credential, written by the settlement service (embedded default)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("  示例收银终端 demo terminal " + code + ": new credential written to " + file);
    }

    private static boolean stillValid(TerminalCredential stored, Path file) throws IOException {
        if (stored == null) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String secret = p.getProperty("laorenjia.terminal.secret");
        if (secret == null) {
            return false;
        }
        return TerminalSecrets.matches(secret, stored.secretSha256);
    }
}
