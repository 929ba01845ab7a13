package cn.laorenjia.settlement.supervision.page;

import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.web.Chrome.NavLink;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The supervision pages' sections (监管), in the order of the navigation. A section whose page is not built yet is
 * {@code ready = false} and left out: when its page exists, set it to true (its resource gives a checked template that
 * includes {@code supervision/layout}).
 */
public enum SupervisionNav {
    OVERVIEW("区/街镇/食堂概览", "/supervision", true),
    CASES("异常线索", "/supervision/cases", true);

    /** What a page says after an action, chosen by a fixed key of its address: never text from the request. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("reviewed", "已开始核查。"),
            Map.entry("cleared", "已排除：该线索不属实。"),
            Map.entry("confirmed", "已确认：该线索属实，已记录。"),
            Map.entry("noted", "已添加备注。"),
            Map.entry("scanned", "已重新筛查。"));

    private final String label;
    private final String href;
    private final boolean ready;

    SupervisionNav(String label, String href, boolean ready) {
        this.label = label;
        this.href = href;
        this.ready = ready;
    }

    public String href() {
        return href;
    }

    /** The frame of a page of this section; {@code done} is a notice key or null. */
    public Chrome chrome(String title, String who, String done) {
        List<NavLink> nav = Arrays.stream(values()).filter(s -> s.ready)
                .map(s -> new NavLink(s.label, s.href, s == this)).toList();
        return new Chrome(title, who, nav, done == null ? null : NOTICES.get(done));
    }
}
