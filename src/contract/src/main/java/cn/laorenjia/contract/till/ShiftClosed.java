package cn.laorenjia.contract.till;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.UUID;

/**
 * The central's answer to a shift's closing (POST /api/counter/till/shifts/{shiftId}/close), and what it keeps: its
 * own Z report, computed with {@code ShiftFigures} from the shift's sales and voids it holds, the counter's report
 * as sent, and whether they agree to the fen. A resend of the same closing answers the same.
 *
 * @param outcome               ACCEPTED (closed now) or DUPLICATE (closed before with this very closing)
 * @param agrees                the counter's figures are the central's, every one of them, to the fen
 * @param differences           the figures that differ (e.g. {@code byTender.CASH.takings}, {@code voids}); empty
 *                              when they agree
 * @param unconfirmedSubsidised subsidised sales of the shift whose ledger entry the central does not hold (yet)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShiftClosed(UUID shiftId, String outcome, ZReport central, ZReport counter, boolean agrees,
                          List<String> differences, long unconfirmedSubsidised) {
}
