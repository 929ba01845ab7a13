package cn.laorenjia.settlement.replay.draft;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Proposed policies and their replays. */
@ConfigMapping(prefix = "laorenjia.policy-drafts")
public interface DraftConfig {

    /**
     * The largest draft (its YAML, UTF-8). The shipped version files are ~3 KB; this stays under the 64K every request
     * body may have (laorenjia.request.max-body-size), so an oversize draft gets its own code, not the body limit's.
     */
    @WithDefault("32K")
    MemorySize maxSize();
}
