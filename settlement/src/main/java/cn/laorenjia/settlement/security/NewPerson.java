package cn.laorenjia.settlement.security;

import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A person to enter into the user store.
 *
 * @param password    null to have one generated and shown once
 * @param canteenCode required for, and only for, a canteen manager
 * @param district    the 区 the person works for: required (with {@code subdistrict}) for a 街道 clerk; optional for
 *                    supervisors and finance (alone: the whole 区; with {@code subdistrict}: one 街镇; neither: the
 *                    whole installation); never for administrators and canteen managers
 */
public record NewPerson(String username, String displayName, String password, List<String> roles, String canteenCode,
                        String district, String subdistrict) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,63}");
    /** Long enough that a guessed password needs more than a dictionary; no composition rules (NIST 800-63B). */
    public static final int MIN_PASSWORD_LENGTH = 12;

    public NewPerson {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw InvalidRequest.of("username",
                    "用户名须为2至64位小写字母、数字或 _ . -，并以字母或数字开头");
        }
        displayName = DisplayName.of(DisplayName.Kind.PERSON_NAME, displayName).value();
        if (password != null && (password.length() < MIN_PASSWORD_LENGTH || password.length() > 128)) {
            throw InvalidRequest.of("password", "密码长度须为12至128位");
        }
        roles = roles == null ? List.of() : roles.stream().distinct().toList();
        if (roles.isEmpty() || !Roles.PERSON_ROLES.containsAll(roles)) {
            throw InvalidRequest.of("roles",
                    "角色须为 administrator、finance、supervisor、canteen_manager、subdistrict_clerk 中的一个或多个");
        }
        boolean manager = roles.contains(Roles.CANTEEN_MANAGER);
        if (manager != (canteenCode != null && !canteenCode.isBlank())) {
            throw InvalidRequest.of("canteenCode",
                    "食堂负责人须且只须指定一个食堂；其他角色不指定食堂");
        }
        district = district == null || district.isBlank() ? null : DisplayName.of(DisplayName.Kind.DISTRICT, district).value();
        subdistrict = subdistrict == null || subdistrict.isBlank() ? null
                : DisplayName.of(DisplayName.Kind.SUBDISTRICT, subdistrict).value();
        boolean clerk = roles.contains(Roles.CLERK);
        if (clerk && (district == null || subdistrict == null)) {
            throw InvalidRequest.of("subdistrict", "街道经办人员须指定一个区（district）和街镇（subdistrict）");
        }
        if (subdistrict != null && district == null) {
            throw InvalidRequest.of("district", "指定街镇时须同时指定所属的区（district）");
        }
        if (district != null && (roles.contains(Roles.ADMINISTRATOR) || roles.contains(Roles.CANTEEN_MANAGER))) {
            throw InvalidRequest.of("district",
                    "管理员与食堂负责人不限定区域；只有街道经办人员、监管人员和财务人员可指定区或街镇");
        }
        // that the 街镇 is on its district's list is checked where people are created (PeopleService)
    }

    /** Anyone but a 街道 clerk. */
    public NewPerson(String username, String displayName, String password, List<String> roles, String canteenCode) {
        this(username, displayName, password, roles, canteenCode, null, null);
    }
}
