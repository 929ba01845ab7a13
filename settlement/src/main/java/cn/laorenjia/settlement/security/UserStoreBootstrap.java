package cn.laorenjia.settlement.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * At start-up: development and test accounts from configuration (never in production mode), then the
 * first administrator if the user store is still empty. There is no default password anywhere: the
 * first administrator's comes from {@code LAORENJIA_ADMIN_PASSWORD} or is generated and printed once.
 *
 * <p>Runs after the sample data loader (priority 3000 > the default 2500) because a canteen manager's
 * account names a canteen.
 */
@ApplicationScoped
public class UserStoreBootstrap {

    private static final Logger LOG = Logger.getLogger(UserStoreBootstrap.class);

    private final PeopleService people;
    private final SecurityConfig config;

    public UserStoreBootstrap(PeopleService people, SecurityConfig config) {
        this.people = people;
        this.config = config;
    }

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (!config.devUsers().isEmpty()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.warnf("Ignoring %d laorenjia.security.dev-users: they are for tests and development only",
                        config.devUsers().size());
            } else {
                config.devUsers().forEach(people::ensureDevUser);
            }
        }
        String username = config.bootstrapAdmin().username();
        Optional<String> password = config.bootstrapAdmin().password().filter(p -> !p.isBlank());
        people.createFirstAdministratorIfEmpty(username, password).ifPresent(created -> {
            if (created.password() == null) {
                LOG.infof("Created the first administrator '%s' with the password from LAORENJIA_ADMIN_PASSWORD", username);
                return;
            }
            // Printed, not logged: log files travel further than the console of the person who installed it.
            System.out.println();
            System.out.println("==============================================================================");
            System.out.println(" 已创建首个管理员账号 (first administrator created). 密码只显示这一次 (shown once):");
            System.out.println("   username: " + username);
            System.out.println("   password: " + created.password());
            System.out.println(" 请登录后妥善保管 (keep it safe); to choose it instead, set LAORENJIA_ADMIN_PASSWORD");
            System.out.println(" before the first start.");
            System.out.println("==============================================================================");
            System.out.println();
        });
    }
}
