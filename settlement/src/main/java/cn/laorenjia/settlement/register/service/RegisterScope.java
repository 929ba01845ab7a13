package cn.laorenjia.settlement.register.service;

import java.util.Map;
import java.util.Objects;

/**
 * Which seniors (and applications) the caller may see and change: all of them (administrators, supervisors, finance,
 * the system itself), those of one 区 + 街镇 (a 街道 clerk), or none (anyone else). Derived once per call from the
 * caller's identity ({@link RegisterScopes}) and applied by the register's queries themselves, so no endpoint or page
 * has to remember it. A senior outside the scope is answered as if they did not exist.
 */
public final class RegisterScope {

    private static final RegisterScope ALL = new RegisterScope(Kind.ALL, null, null);
    private static final RegisterScope NONE = new RegisterScope(Kind.NONE, null, null);

    private enum Kind { ALL, SUBDISTRICT, NONE }

    private final Kind kind;
    private final String district;
    private final String subdistrict;

    private RegisterScope(Kind kind, String district, String subdistrict) {
        this.kind = kind;
        this.district = district;
        this.subdistrict = subdistrict;
    }

    public static RegisterScope all() {
        return ALL;
    }

    public static RegisterScope none() {
        return NONE;
    }

    public static RegisterScope subdistrict(String district, String subdistrict) {
        return new RegisterScope(Kind.SUBDISTRICT, Objects.requireNonNull(district, "district"),
                Objects.requireNonNull(subdistrict, "subdistrict"));
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** The 区 of a 街镇 scope; null otherwise. */
    public String district() {
        return district;
    }

    /** The 街镇 of a 街镇 scope; null otherwise. */
    public String subdistrict() {
        return subdistrict;
    }

    /** Whether a senior or application of this 区 and 街镇 is within the scope. */
    public boolean covers(String district, String subdistrict) {
        return switch (kind) {
            case ALL -> true;
            case NONE -> false;
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
            case SUBDISTRICT -> {
                params.put("scopeDistrict", district);
                params.put("scopeSubdistrict", subdistrict);
                yield " and " + alias + ".district = :scopeDistrict and " + alias + ".subdistrict = :scopeSubdistrict";
            }
        };
    }

    @Override
    public String toString() {
        return kind == Kind.SUBDISTRICT ? district + subdistrict : kind.name();
    }
}
