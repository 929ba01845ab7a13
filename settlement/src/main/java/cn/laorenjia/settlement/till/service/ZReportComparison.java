package cn.laorenjia.settlement.till.service;

import cn.laorenjia.contract.till.ZReport;
import cn.laorenjia.core.till.Tender;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which figures of the counter's Z report differ from the central's, to the fen: every figure of the report (float,
 * each tender's sales and takings, each kind's meals, prices, discounts and paid, voids and refunds, manual look-ups,
 * offline sales, expected and counted cash and the difference). Who and when are not figures and are not compared.
 * A figure the counter left out differs.
 */
final class ZReportComparison {

    private ZReportComparison() {
    }

    static List<String> differences(ZReport central, ZReport counter) {
        List<String> out = new ArrayList<>();
        same(out, "float", central.openingFloat(), counter.openingFloat());
        Map<Tender, ZReport.TenderLine> theirs = new EnumMap<>(Tender.class);
        if (counter.byTender() != null) {
            for (ZReport.TenderLine line : counter.byTender()) {
                if (line != null && line.tender() != null) {
                    theirs.put(line.tender(), line);
                }
            }
        }
        for (ZReport.TenderLine ours : central.byTender()) {
            ZReport.TenderLine other = theirs.get(ours.tender());
            same(out, "byTender." + ours.tender() + ".sales", ours.sales(), other == null ? null : other.sales());
            same(out, "byTender." + ours.tender() + ".takings", ours.takings(), other == null ? null : other.takings());
        }
        kind(out, "subsidised", central.subsidised(), counter.subsidised());
        kind(out, "fullPrice", central.fullPrice(), counter.fullPrice());
        same(out, "voids", central.voids(), counter.voids());
        same(out, "refunded", central.refunded(), counter.refunded());
        same(out, "manualLookUps", central.manualLookUps(), counter.manualLookUps());
        same(out, "offlineSales", central.offlineSales(), counter.offlineSales());
        same(out, "expectedCash", central.expectedCash(), counter.expectedCash());
        same(out, "countedCash", central.countedCash(), counter.countedCash());
        same(out, "cashDifference", central.cashDifference(), counter.cashDifference());
        return out;
    }

    private static void kind(List<String> out, String name, ZReport.Kind ours, ZReport.Kind theirs) {
        same(out, name + ".meals", ours.meals(), theirs == null ? null : theirs.meals());
        same(out, name + ".price", ours.price(), theirs == null ? null : theirs.price());
        same(out, name + ".discount", ours.discount(), theirs == null ? null : theirs.discount());
        same(out, name + ".paid", ours.paid(), theirs == null ? null : theirs.paid());
    }

    private static void same(List<String> out, String figure, Object ours, Object theirs) {
        if (!Objects.equals(ours, theirs)) {
            out.add(figure);
        }
    }
}
