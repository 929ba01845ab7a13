package cn.laorenjia.settlement.replay.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where a policy replay reads ({@code laorenjia.replay.*}). A replay reads a quarter of counter traffic in one long
 * read-only transaction; where a read replica (a streaming standby) is configured it reads there, so the counters'
 * primary never carries it. Without one it reads the primary through the default datasource, still read-only.
 */
@ConfigMapping(prefix = "laorenjia.replay")
public interface ReplayConfig {

    /** JDBC URL of a read replica, e.g. {@code jdbc:postgresql://replica:5432/laorenjia}; absent: the primary. */
    Optional<String> replicaJdbcUrl();

    /** The replica's user (a role that may only read); absent: the default datasource's. */
    Optional<String> replicaUsername();

    Optional<String> replicaPassword();

    /** Rows fetched per round trip from the server-side cursor (memory stays flat whatever the period). */
    @WithDefault("20000")
    int fetchSize();

    /** work_mem for the replay's own transaction: the traffic is sorted by senior and time in the database. */
    @WithDefault("1GB")
    String workMem();
}
