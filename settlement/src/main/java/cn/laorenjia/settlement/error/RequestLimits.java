package cn.laorenjia.settlement.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The size of a request body any endpoint takes ({@link OversizedBodyRefusal}). Quarkus's own limit
 * (quarkus.http.limits.max-body-size) is the larger one of file uploads (the register's bulk import), since Quarkus
 * applies one limit to every route.
 */
@ConfigMapping(prefix = "laorenjia.request")
public interface RequestLimits {

    @WithDefault("64K")
    MemorySize maxBodySize();
}
