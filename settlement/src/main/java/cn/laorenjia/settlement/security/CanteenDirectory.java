package cn.laorenjia.settlement.security;

import java.util.Optional;

/**
 * The register's canteens as the user store needs them: a canteen manager is entered with the code of the
 * canteen they manage and shown with it, and kept by its id. Implemented by the register, which depends on
 * security (for the current person and terminal secrets), not the other way round.
 */
public interface CanteenDirectory {

    /** The id of the canteen with this code, if one is registered. */
    Optional<Long> idOf(String canteenCode);

    /** The code of the canteen with this id, if it is registered. */
    Optional<String> codeOf(long canteenId);
}
