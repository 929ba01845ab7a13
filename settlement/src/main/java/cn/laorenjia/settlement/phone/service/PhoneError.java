package cn.laorenjia.settlement.phone.service;

import cn.laorenjia.settlement.error.ApiException;

import java.util.Map;

/**
 * The senior phone's stable error codes with the Chinese a family member reads; their HTTP statuses are the REST
 * edge's ({@link cn.laorenjia.settlement.error.ErrorCatalogue}).
 */
public enum PhoneError {
    /** No such activation code (a typo, or a guess). */
    PHONE_ACTIVATION_INVALID("激活码不对，请核对后重新输入（共12位数字）"),
    PHONE_ACTIVATION_EXPIRED("激活码已过期，请到街镇或社区重新领取"),
    /** An activation code binds one phone only. */
    PHONE_ACTIVATION_USED("激活码已经用过，每个激活码只能绑定一部手机；请到街镇或社区重新领取"),
    /** Too many wrong codes from this address: try later. */
    PHONE_ACTIVATION_THROTTLED("输错次数太多，请稍后再试"),
    /** The browser holds no device credential (or one this service does not know). */
    PHONE_NOT_BOUND("这部手机还没有绑定，请输入街镇或社区给的激活码"),
    PHONE_DEVICE_REVOKED("这部手机的绑定已解除，请到街镇或社区重新领取激活码"),
    /** Not (or no longer) enrolled, or deceased as the register says: no meal code. */
    PHONE_SENIOR_NOT_ENROLLED("目前不能享受助餐补贴，没有餐码；如有疑问请联系所在街镇"),
    /** A device that is not one of this senior's (answered as if absent). */
    PHONE_DEVICE_UNKNOWN("没有找到这部手机");

    private final String messageZh;

    PhoneError(String messageZh) {
        this.messageZh = messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(Map<String, Object> details) {
        return new ApiException(name(), messageZh, details);
    }
}
