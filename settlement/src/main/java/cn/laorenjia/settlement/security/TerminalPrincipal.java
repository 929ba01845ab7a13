package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The counter terminal making the current request, for code that must act only for the terminal's own
 * canteen. Use it behind {@code @RolesAllowed("terminal")}; called for a person it answers 403 NOT_A_TERMINAL.
 */
@RequestScoped
public class TerminalPrincipal {

    private final SecurityIdentity identity;

    public TerminalPrincipal(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isTerminal() {
        return !identity.isAnonymous() && identity.hasRole(Roles.TERMINAL)
                && identity.getAttribute(Roles.ATTR_TERMINAL_ID) != null;
    }

    /** The terminal's database id (terminal.id). */
    public long terminalId() {
        return requireTerminal().<Long>getAttribute(Roles.ATTR_TERMINAL_ID);
    }

    /** The database id of the canteen the terminal belongs to (canteen.id). */
    public long canteenId() {
        return requireTerminal().<Long>getAttribute(Roles.ATTR_CANTEEN_ID);
    }

    /** The terminal's register code, e.g. BD-HB-01-T1. */
    public String terminalCode() {
        return requireTerminal().getPrincipal().getName();
    }

    /** Refuses with 403 TERMINAL_NOT_OF_THIS_CANTEEN unless the terminal belongs to this canteen. */
    public void requireCanteen(long canteenId) {
        if (canteenId() != canteenId) {
            throw new ApiException(ErrorCodes.TERMINAL_NOT_OF_THIS_CANTEEN, "本终端不属于该食堂，不能办理此业务");
        }
    }

    private SecurityIdentity requireTerminal() {
        if (!isTerminal()) {
            throw new ApiException(ErrorCodes.NOT_A_TERMINAL, "此操作只能由食堂收银终端办理");
        }
        return identity;
    }
}
