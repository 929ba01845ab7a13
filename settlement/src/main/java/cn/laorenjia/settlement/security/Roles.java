package cn.laorenjia.settlement.security;

import java.util.List;

/** The roles of the service, as they appear in @RolesAllowed, the person table and an external token. */
public final class Roles {

    private Roles() {
    }

    /** 民政管理员: keeps the register of seniors, canteens, terminals and cards; manages people. */
    public static final String ADMINISTRATOR = "administrator";
    /** 财务人员 of a 街镇 or the district: settlement statements. */
    public static final String FINANCE = "finance";
    /** 监管人员: figures by 区/街镇/canteen and fraud flags. */
    public static final String SUPERVISOR = "supervisor";
    /** 食堂负责人: one canteen's figures. Always tied to exactly one canteen. */
    public static final String CANTEEN_MANAGER = "canteen_manager";
    /**
     * 街道/乡镇经办人员: receives and reviews applications, keeps the register of the seniors of one 区 + 街镇 (their
     * facts, enrolment, cards and QR cards) and sees nobody else's. Always tied to exactly one 街镇.
     */
    public static final String CLERK = "subdistrict_clerk";
    /** A counter terminal, authenticated by its own secret; never given to a person. */
    public static final String TERMINAL = "terminal";

    /**
     * The Prometheus scraper (laorenjia.metrics.token): reads /q/metrics and nothing else; never given to a person or
     * allowed by an endpoint.
     */
    public static final String METRICS = "metrics";

    /** The roles a person can hold. */
    public static final List<String> PERSON_ROLES = List.of(ADMINISTRATOR, FINANCE, SUPERVISOR, CANTEEN_MANAGER,
            CLERK);

    /** SecurityIdentity attribute: the terminal's database id (Long). */
    public static final String ATTR_TERMINAL_ID = "laorenjia.terminal-id";
    /** SecurityIdentity attribute: the canteen's database id (Long), for terminals and canteen managers. */
    public static final String ATTR_CANTEEN_ID = "laorenjia.canteen-id";
    /** SecurityIdentity attribute: the 区 a clerk, supervisor or finance officer works for (String), if any. */
    public static final String ATTR_DISTRICT = "laorenjia.district";
    /** SecurityIdentity attribute: the 街镇 a clerk, supervisor or finance officer works for (String), if any. */
    public static final String ATTR_SUBDISTRICT = "laorenjia.subdistrict";
    /** SecurityIdentity attribute: the person's database id (Long). */
    public static final String ATTR_PERSON_ID = "laorenjia.person-id";
}
