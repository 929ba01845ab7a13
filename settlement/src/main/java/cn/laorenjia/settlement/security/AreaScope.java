package cn.laorenjia.settlement.security;

import java.util.Map;
import java.util.Objects;

/**
 * The part of the district a caller works for: everything (administrators, and supervisors or finance without an
 * area, the system itself), one 区 (supervisors or finance of a district), one 区 + 街镇 (a 街道 clerk; supervisors or
 * finance of a 街镇), or nothing (anyone else). Derived once per call from the caller's identity ({@link AreaScopes})
 * and applied by the queries themselves (seniors, applications, canteens, statements, cases), so no endpoint or page
 * has to remember it. Anything outside the scope is answered as if it did not exist.
 */
public final class AreaScope {

    private static final AreaScope ALL = new AreaScope(Kind.ALL, null, null);
    private static final AreaScope NONE = new AreaScope(Kind.NONE, null, null);

    private enum Kind { ALL, DISTRICT, SUBDISTRICT, NONE }

    private final Kind kind;
    private final String district;
    private final String subdistrict;

    private AreaScope(Kind kind, String district, String subdistrict) {
        this.kind = kind;
        this.district = district;
        this.subdistrict = subdistrict;
    }

    public static AreaScope all() {
        return ALL;
    }

    public static AreaScope none() {
        return NONE;
    }

    public static AreaScope district(String district) {
        return new AreaScope(Kind.DISTRICT, Objects.requireNonNull(district, "district"), null);
    }

    public static AreaScope subdistrict(String district, String subdistrict) {
        return new AreaScope(Kind.SUBDISTRICT, Objects.requireNonNull(district, "district"),
                Objects.requireNonNull(subdistrict, "subdistrict"));
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** The 区 of a 区 or 街镇 scope; null otherwise. */
    public String district() {
        return district;
    }

    /** Chinese for the area, as pages show it: 全部 for everything. */
    public String labelZh() {
        return switch (kind) {
            case ALL -> "全部";
            case NONE -> "无";
            case DISTRICT -> district;
            case SUBDISTRICT -> district + " " + subdistrict;
        };
    }

    /** The 街镇 of a 街镇 scope; null otherwise. */
    public String subdistrict() {
        return subdistrict;
    }

    /** Whether something of this 区 and 街镇 (a senior, an application, a canteen) is within the scope. */
    public boolean covers(String district, String subdistrict) {
        return switch (kind) {
            case ALL -> true;
            case NONE -> false;
            case DISTRICT -> this.district.equals(district);
            case SUBDISTRICT -> this.district.equals(district) && this.subdistrict.equals(subdistrict);
        };
    }

    /**
     * The condition a query adds for an entity (JPQL alias, or a native table alias) with {@code district} and
     * {@code subdistrict} columns, its parameters put into {@code params}: {@code " and ..."}, or "" for all.
     */
    public String condition(String alias, Map<String, Object> params) {
        return switch (kind) {
            case ALL -> "";
            case NONE -> " and 1 = 0";
            case DISTRICT -> {
                params.put("scopeDistrict", district);
                yield " and " + alias + ".district = :scopeDistrict";
            }
            case SUBDISTRICT -> {
                params.put("scopeDistrict", district);
                params.put("scopeSubdistrict", subdistrict);
                yield " and " + alias + ".district = :scopeDistrict and " + alias + ".subdistrict = :scopeSubdistrict";
            }
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL, NONE -> kind.name();
            case DISTRICT -> district;
            case SUBDISTRICT -> district + subdistrict;
        };
    }
}
