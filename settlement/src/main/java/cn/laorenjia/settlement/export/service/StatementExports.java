package cn.laorenjia.settlement.export.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.settling.service.SettledFigures;
import cn.laorenjia.settlement.statement.service.StatementView;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every export shows: column headers, the 街镇 summary, and the yuan text of an amount in fen. */
final class StatementExports {

    /** How the ledger chain head recorded at confirmation is labelled on the PDF and in the XLSX. */
    public static final String CHAIN_HEAD_LABEL = "台账校验值 (ledger chain head)";
    static final String[] SUMMARY_HEADERS = {"区", "街镇", "食堂数", "售出(次)", "撤销(次)", "补贴餐次", "减免金额(元)",
            "运营补贴(元)", "应付合计(元)"};
    static final String[] LINE_HEADERS = {"行号", "类型", "就餐日期", "政策版本", "售出(次)", "撤销(次)", "补贴餐次",
            "减免金额(元)", "运营补贴(元)", "应付合计(元)"};

    private StatementExports() {
    }

    record Subdistrict(String district, String subdistrict, int canteens, SettledFigures total) {
    }

    static List<Subdistrict> bySubdistrict(List<StatementView> statements) {
        Map<String, Subdistrict> rows = new LinkedHashMap<>();
        for (StatementView s : statements) {
            rows.merge(s.district() + "/" + s.subdistrict(), new Subdistrict(s.district(), s.subdistrict(), 1, s.total()),
                    (a, b) -> new Subdistrict(a.district(), a.subdistrict(), a.canteens() + b.canteens(),
                            a.total().plus(b.total())));
        }
        return new ArrayList<>(rows.values());
    }

    static SettledFigures total(List<StatementView> statements) {
        SettledFigures total = SettledFigures.ZERO;
        for (StatementView s : statements) {
            total = total.plus(s.total());
        }
        return total;
    }

    static String yuan(long fen) {
        return Money.ofFen(fen).toYuanString();
    }

    static String monthZh(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    static String title(YearMonth month) {
        return monthZh(month) + " 老人家食堂助餐补贴结算";
    }
}
