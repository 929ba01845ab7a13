package cn.laorenjia.settlement.replay.page;

import cn.laorenjia.settlement.web.Chrome;
import cn.laorenjia.settlement.web.Chrome.NavLink;

import java.util.List;
import java.util.Map;

/** The replay pages' navigation: the replay itself, and the way back to the register the administrator came from. */
public enum ReplayNav {
    HOME("政策测算", "/replay");

    /** What a page says after an action, chosen by a fixed key of its address: never text from the request. */
    private static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("saved", "政策草案已保存。"),
            Map.entry("withdrawn", "政策草案已撤回。"));

    private final String label;
    private final String href;

    ReplayNav(String label, String href) {
        this.label = label;
        this.href = href;
    }

    public Chrome chrome(String title, String who, String done) {
        List<NavLink> nav = List.of(new NavLink(label, href, true),
                new NavLink("登记册", "/register/seniors", false),
                new NavLink("财务结算", "/finance", false),
                new NavLink("监管概览", "/supervision", false));
        return new Chrome(title, who, nav, done == null ? null : NOTICES.get(done));
    }
}
