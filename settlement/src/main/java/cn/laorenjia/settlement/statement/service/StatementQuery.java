package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.settlement.settling.service.SettlementError;

import java.time.YearMonth;
import java.util.Locale;

/**
 * What finance asks of a month's statements: filters (区, 街镇, status, a search over canteen code and name), the
 * order and a page (from 0). The area the caller may see is applied on top, never taken from here.
 */
public record StatementQuery(YearMonth month, String district, String subdistrict, Status status, String search,
                             Sort sort, boolean descending, int page, int size) {

    public static final int MAX_SIZE = 200;

    public enum Status {
        /** every statement */
        ALL,
        DRAFT,
        CONFIRMED,
        /** own-month lines differ from the ledger: a draft to settle again, or a confirmed one with a later difference */
        UNRECONCILED
    }

    public enum Sort {
        CODE("x.code"), NAME("x.name"), NET_OWED("x.net_owed_fen"), MEALS("x.meals"), STATUS("x.confirmed");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    public StatementQuery {
        district = blankToNull(district);
        subdistrict = blankToNull(subdistrict);
        search = blankToNull(search);
        status = status == null ? Status.ALL : status;
        sort = sort == null ? Sort.CODE : sort;
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw SettlementError.INVALID_STATEMENT_QUERY.exception("分页参数无效:页码从 0 开始,每页 1 至 " + MAX_SIZE + " 条");
        }
    }

    /** Parses the API's words (status=draft|confirmed|unreconciled, sort=code|name|netOwed|meals|status). */
    public static StatementQuery of(YearMonth month, String district, String subdistrict, String status, String search,
                                    String sort, String direction, Integer page, Integer size) {
        Status st = switch (status == null ? "" : status.trim().toLowerCase(Locale.ROOT)) {
            case "", "all" -> Status.ALL;
            case "draft" -> Status.DRAFT;
            case "confirmed" -> Status.CONFIRMED;
            case "unreconciled" -> Status.UNRECONCILED;
            default -> throw SettlementError.INVALID_STATEMENT_QUERY.exception("未知的状态筛选:" + status);
        };
        Sort so = switch (sort == null ? "" : sort.trim()) {
            case "", "code" -> Sort.CODE;
            case "name" -> Sort.NAME;
            case "netOwed" -> Sort.NET_OWED;
            case "meals" -> Sort.MEALS;
            case "status" -> Sort.STATUS;
            default -> throw SettlementError.INVALID_STATEMENT_QUERY.exception("未知的排序:" + sort);
        };
        return new StatementQuery(month, district, subdistrict, st, search, so, "desc".equalsIgnoreCase(direction),
                page == null ? 0 : page, size == null ? 50 : size);
    }

    /** The same filters, drafts only (confirm all). */
    StatementQuery draftsOnly() {
        return new StatementQuery(month, district, subdistrict, Status.DRAFT, search, Sort.CODE, false, 0, 1);
    }

    /** The same filters, unreconciled statements only (confirm all refuses these). */
    StatementQuery unreconciledOnly() {
        return new StatementQuery(month, district, subdistrict, Status.UNRECONCILED, search, Sort.CODE, false, 0, 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
