package cn.laorenjia.settlement.register.page;

import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.web.Chrome.NavLink;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The register's sections, in the order of the navigation. A section whose page is not built yet is listed with
 * {@code ready = false} and left out of the navigation: when its page exists, set it to true (and give its resource a
 * checked template that includes {@code register/layout}, as the others do).
 */
public enum RegisterNav {
    SENIORS("老人查询", "/register/seniors", true, false),
    APPLICATIONS("申请审核", "/register/applications", true, false),
    CANTEENS("食堂与终端", "/register/canteens", true, true),
    IMPORTS("批量导入", "/register/imports", true, true),
    /** The policy replay's pages (replay.page): proposed policies and what they would have cost. */
    REPLAY("政策测算", "/replay", true, true);

    /** What a page says after an action, chosen by a fixed key of its address: never text from the request. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("fact-added", "已记录。"),
            Map.entry("fact-ended", "已设置最后一天。"),
            Map.entry("enrolment", "助餐登记状态已变更。"),
            Map.entry("card-issued", "已发卡。"),
            Map.entry("card-revoked", "该卡已挂失或注销，不能再用于就餐。"),
            Map.entry("meal-set", "菜单已更新。"),
            Map.entry("public-contact", "公开信息（营业时间、对外电话）已更新。"),
            Map.entry("terminal", "终端状态已更新。"),
            Map.entry("submitted", "申请已提交。"),
            Map.entry("review", "已开始审核。"),
            Map.entry("approved", "申请已批准，老人已登记入册。"),
            Map.entry("refused", "已不予批准。"),
            Map.entry("withdrawn", "申请已撤回。"),
            Map.entry("imported", "已导入。"));

    private final String label;
    private final String href;
    private final boolean ready;
    /** Administrators only: a 街道 clerk is not shown it (the canteens and the bulk import are the district's). */
    private final boolean administratorsOnly;

    RegisterNav(String label, String href, boolean ready, boolean administratorsOnly) {
        this.label = label;
        this.href = href;
        this.ready = ready;
        this.administratorsOnly = administratorsOnly;
    }

    public String href() {
        return href;
    }

    /** The frame of a page of this section, for an administrator. */
    public Chrome chrome(String title, String who, String done) {
        return chrome(title, who, done, true);
    }

    /** The frame of a page of this section; a 街道 clerk ({@code administrator} false) sees only the sections of theirs. */
    public Chrome chrome(String title, String who, String done, boolean administrator) {
        List<NavLink> nav = Arrays.stream(values()).filter(s -> s.ready && (administrator || !s.administratorsOnly))
                .map(s -> new NavLink(s.label, s.href, s == this)).toList();
        return new Chrome(title, who, nav, done == null ? null : NOTICES.get(done));
    }
}
