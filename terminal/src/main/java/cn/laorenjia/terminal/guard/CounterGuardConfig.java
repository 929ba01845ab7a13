package cn.laorenjia.terminal.guard;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Who may talk to the counter's local API. By default only pages loaded from this machine by the names
 * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} with the port the terminal listens on.
 */
@ConfigMapping(prefix = "laorenjia.counter")
public interface CounterGuardConfig {

    /**
     * Further {@code host:port} names the counter answers to (e.g. a second screen reaching it as
     * {@code counter-1.canteen.lan:8081}); pages served under these names are also accepted as origins.
     */
    Optional<List<String>> allowedHosts();
}
