package cn.laorenjia.settlement.policy;

import cn.laorenjia.core.policy.PolicyCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The policy versions shipped with the core, read once: every meal is decided by the version in force on its date. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @ApplicationScoped
    PolicyCatalog catalog() {
        return PolicyCatalog.loadDefault();
    }
}
