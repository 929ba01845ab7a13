package cn.laorenjia.contract.till;

import cn.laorenjia.contract.json.MoneyJson;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.till.ShiftFigures;
import cn.laorenjia.core.till.Tender;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The Z report of a closed shift (the counter prints it; the central keeps it and its own, computed from what the
 * counter uploaded, with the one rule {@link ShiftFigures}). Amounts in fen, with yuan text for people.
 *
 * @param byTender       one line per tender, every tender listed
 * @param voids          sales of the shift voided (and refunded)
 * @param expectedCash   opening float plus cash takings ({@code expectedCashFen})
 * @param countedCash    what the cashier counted at the close ({@code countedCashFen})
 * @param cashDifference counted less expected ({@code cashDifferenceFen}); negative when cash is missing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZReport(UUID shiftId, String terminalCode, String canteenCode, String openedBy, String closedBy,
                      OffsetDateTime openedAt, OffsetDateTime closedAt,
                      @JsonProperty("floatFen") Money openingFloat, List<TenderLine> byTender,
                      Kind subsidised, Kind fullPrice, long voids, @JsonProperty("refundedFen") Money refunded,
                      long manualLookUps, long offlineSales,
                      @JsonProperty("expectedCashFen") Money expectedCash,
                      @JsonProperty("countedCashFen") Money countedCash,
                      @JsonProperty("cashDifferenceFen") Money cashDifference) {

    /** The report of a shift from its figures and the cash counted at its close. */
    public static ZReport of(UUID shiftId, String terminalCode, String canteenCode, String openedBy, String closedBy,
                             OffsetDateTime openedAt, OffsetDateTime closedAt, ShiftFigures figures,
                             Money countedCash) {
        List<TenderLine> tenders = Arrays.stream(Tender.values()).map(t -> {
            ShiftFigures.TenderFigures f = figures.byTender().get(t);
            return new TenderLine(t, t.zh(), f.sales(), f.takings());
        }).toList();
        return new ZReport(shiftId, terminalCode, canteenCode, openedBy, closedBy, openedAt, closedAt,
                figures.openingFloat(), tenders, Kind.of(figures.subsidised()), Kind.of(figures.fullPrice()),
                figures.voids(), figures.refunded(), figures.manualLookUps(), figures.offlineSales(),
                figures.expectedCash(), countedCash, figures.cashDifference(countedCash));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TenderLine(Tender tender, String tenderZh, long sales, @JsonProperty("takingsFen") Money takings) {

        @JsonProperty("takings")
        public String takingsYuan() {
            return MoneyJson.yuan(takings);
        }
    }

    /** Meals of one kind (subsidised or full price) not voided. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kind(long meals, @JsonProperty("priceFen") Money price, @JsonProperty("discountFen") Money discount,
                       @JsonProperty("paidFen") Money paid) {

        static Kind of(ShiftFigures.KindFigures f) {
            return new Kind(f.meals(), f.price(), f.discount(), f.paid());
        }

        @JsonProperty("paid")
        public String paidYuan() {
            return MoneyJson.yuan(paid);
        }

        @JsonProperty("discount")
        public String discountYuan() {
            return MoneyJson.yuan(discount);
        }
    }

    @JsonProperty("float")
    public String openingFloatYuan() {
        return MoneyJson.yuan(openingFloat);
    }

    @JsonProperty("expectedCash")
    public String expectedCashYuan() {
        return MoneyJson.yuan(expectedCash);
    }

    @JsonProperty("countedCash")
    public String countedCashYuan() {
        return MoneyJson.yuan(countedCash);
    }

    @JsonProperty("cashDifference")
    public String cashDifferenceYuan() {
        return MoneyJson.yuan(cashDifference);
    }

    @JsonProperty("refunded")
    public String refundedYuan() {
        return MoneyJson.yuan(refunded);
    }
}
