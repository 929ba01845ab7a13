package cn.laorenjia.terminal.cashier;

/** A sale or void was asked for while no cashier is signed in at this counter. */
public class CashierSignInRequired extends RuntimeException {

    public static final String CODE = "CASHIER_SIGN_IN_REQUIRED";
    public static final String MESSAGE_ZH = "请先登录收银员（工号和密码）再收款或撤销";

    public CashierSignInRequired() {
        super(CODE, null, false, false);
    }
}
