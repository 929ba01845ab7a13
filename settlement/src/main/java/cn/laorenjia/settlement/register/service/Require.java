package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.Map;

/** Required text of the register's commands: an administrator's mistake is an {@link InvalidRequest}. */
final class Require {

    private Require() {
    }

    static void text(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest("请求内容无效：请填写 " + what, Map.of("reason", what + " is required"));
        }
        if (value.length() > maxLength) {
            throw new InvalidRequest("请求内容无效：" + what + " 不能超过 " + maxLength + " 个字符",
                    Map.of("reason", what + " is longer than " + maxLength + " characters"));
        }
    }
}
