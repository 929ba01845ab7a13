package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.security.CanteenDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** The register's side of {@link CanteenDirectory}: canteen codes and ids, in the caller's transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RegisteredCanteens implements CanteenDirectory {

    @Override
    public Optional<Long> idOf(String canteenCode) {
        return Canteen.<Canteen>find("code", canteenCode).firstResultOptional().map(c -> c.id);
    }

    @Override
    public Optional<String> codeOf(long canteenId) {
        return Canteen.<Canteen>findByIdOptional(canteenId).map(c -> c.code);
    }
}
