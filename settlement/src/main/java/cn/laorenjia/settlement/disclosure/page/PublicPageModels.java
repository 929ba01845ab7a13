package cn.laorenjia.settlement.disclosure.page;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the public page shows, already in its words: prices in yuan, slots in Chinese, links built. */
public final class PublicPageModels {

    private PublicPageModels() {
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    @TemplateData
    public record OptionGroup(String label, List<Option> options) {
    }

    @TemplateData
    public record MenuLine(String slot, String name, String price) {
    }

    @TemplateData
    public record CanteenCard(String code, String name, String area, String address, String openingHours,
                              String phone, String subdistrictPhone, String standardPrice, List<MenuLine> menu) {
    }

    /** The list with its filter as asked, the pager's links (null at either end), and whom to call. */
    @TemplateData
    public record PublicList(String q, Option allAreas, List<OptionGroup> areas, String filterLabel, long total,
                             int page, int pages, String previous, String next, List<CanteenCard> canteens,
                             String hotline, String hotlineLabel) {
    }
}
