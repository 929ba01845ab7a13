package cn.laorenjia.settlement.register.importing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of the register's bulk import (README "批量导入"). */
@ConfigMapping(prefix = "laorenjia.register-import")
public interface ImportConfig {

    /** The largest file taken (also Quarkus's body limit, quarkus.http.limits.max-body-size, which follows it). */
    @WithDefault("32M")
    MemorySize maxUploadSize();

    /** The most rows a file may have; larger lists are split. */
    @WithDefault("200000")
    int maxRows();
}
