package cn.laorenjia.settlement.disclosure.page;

import cn.laorenjia.settlement.disclosure.page.PublicPageModels.CanteenCard;
import cn.laorenjia.settlement.disclosure.page.PublicPageModels.MenuLine;
import cn.laorenjia.settlement.disclosure.page.PublicPageModels.Option;
import cn.laorenjia.settlement.disclosure.page.PublicPageModels.OptionGroup;
import cn.laorenjia.settlement.disclosure.page.PublicPageModels.PublicList;
import cn.laorenjia.settlement.disclosure.service.DisclosureConfig;
import cn.laorenjia.settlement.disclosure.service.PublicCanteens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * 信息公开: the canteens as anyone may see them, without signing in (issue 19, point 5). Large type for seniors and
 * their families, readable on a phone. Only active canteens, nothing about seniors or money; every parameter bounded
 * (a 区/街镇 must be one of the list, the name search is cut to {@value PublicCanteens#MAX_QUERY_LENGTH} characters, a
 * page past the end shows the last) and the answer cacheable, so the page is cheap to ask for again and again.
 */
@Path("/public")
@Tag(name = "public pages")
@PermitAll
public class PublicCanteenPagesResource {

    @CheckedTemplate(basePath = "disclosure")
    static class Templates {
        static native TemplateInstance canteens(PublicList list);
    }

    private static final int MAX_PAGE = 100_000;

    private final PublicCanteens canteens;
    private final DisclosureConfig config;
    private final String style = resource("/disclosure/public.css");

    public PublicCanteenPagesResource(PublicCanteens canteens, DisclosureConfig config) {
        this.canteens = canteens;
        this.config = config;
    }

    @GET
    @Path("/canteens")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "食堂信息公开（无需登录）：地址、营业时间、菜单与价格、联系电话")
    public Response list(@QueryParam("area") String area, @QueryParam("q") String q, @QueryParam("page") String page) {
        List<PublicCanteens.Area> areas = canteens.areas();
        String district = null;
        String subdistrict = null;
        if (area != null && area.length() <= 80) {
            String[] parts = area.split("\\|", 2);
            // only a 区 or 区|街镇 of the list narrows the page; anything else shows all
            for (PublicCanteens.Area a : areas) {
                if (a.district().equals(parts[0])) {
                    if (parts.length == 1) {
                        district = a.district();
                    } else if (a.subdistricts().contains(parts[1])) {
                        district = a.district();
                        subdistrict = parts[1];
                    }
                }
            }
        }
        String name = q == null || q.isBlank() ? null : q.strip();
        if (name != null && name.length() > PublicCanteens.MAX_QUERY_LENGTH) {
            name = name.substring(0, PublicCanteens.MAX_QUERY_LENGTH);
        }
        PublicCanteens.Page found = canteens.find(district, subdistrict, name, pageNumber(page) - 1);

        String selected = district == null ? "" : subdistrict == null ? district : district + "|" + subdistrict;
        List<OptionGroup> groups = new ArrayList<>();
        for (PublicCanteens.Area a : areas) {
            List<Option> options = new ArrayList<>();
            options.add(new Option(a.district(), a.district() + "（全区）", selected.equals(a.district())));
            for (String s : a.subdistricts()) {
                String value = a.district() + "|" + s;
                options.add(new Option(value, s, selected.equals(value)));
            }
            groups.add(new OptionGroup(a.district(), options));
        }
        String filterLabel = district == null ? "全部地区" : subdistrict == null ? district : district + " " + subdistrict;
        int shown = found.page() + 1;
        String previous = shown > 1 ? link(selected, name, shown - 1) : null;
        String next = shown < found.pages() ? link(selected, name, shown + 1) : null;
        List<CanteenCard> cards = found.canteens().stream().map(PublicCanteenPagesResource::card).toList();
        PublicList model = new PublicList(name == null ? "" : name, new Option("", "全部地区", selected.isEmpty()),
                groups, filterLabel, found.total(), shown, found.pages(), previous, next, cards, config.hotline(),
                config.hotlineLabel());
        return Response.ok(Templates.canteens(model))
                .header("Cache-Control", "public, max-age=" + config.maxAgeSeconds()).build();
    }

    @GET
    @Path("/assets/public.css")
    @Produces("text/css; charset=UTF-8")
    public Response style() {
        return Response.ok(style).header("Cache-Control", "public, max-age=" + config.maxAgeSeconds()).build();
    }

    /** 1 for anything that is not a page number; at most {@link #MAX_PAGE} (the service shows the last page beyond). */
    static int pageNumber(String page) {
        if (page == null || page.isEmpty() || page.length() > 6 || !page.chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return Math.min(Math.max(Integer.parseInt(page), 1), MAX_PAGE);
    }

    private static String link(String area, String q, int page) {
        StringBuilder href = new StringBuilder("/public/canteens?page=").append(page);
        if (!area.isEmpty()) {
            href.append("&area=").append(URLEncoder.encode(area, StandardCharsets.UTF_8));
        }
        if (q != null) {
            href.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return href.toString();
    }

    private static CanteenCard card(PublicCanteens.Listing c) {
        List<MenuLine> menu = c.menu().stream()
                .map(m -> new MenuLine(m.slot().labelZh(), m.name(), m.price().toYuanString())).toList();
        return new CanteenCard(c.code(), c.name(), c.district() + " " + c.subdistrict(),
                c.address() == null ? "未登记" : c.address(),
                c.openingHours() == null ? "未登记" : c.openingHours(), c.publicPhone(), c.subdistrictPhone(),
                c.standardSetPrice().toYuanString(), menu);
    }

    private static String resource(String name) {
        try (InputStream in = PublicCanteenPagesResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
