package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.settlement.qr.QrCodes;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication;
import cn.laorenjia.settlement.register.service.RegisterViews.CardView;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorView;
import cn.laorenjia.settlement.register.service.SeniorEligibility.EligibilityView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the applications API answers. ID numbers, names and phones are masked unless read in full with a reason. */
public final class ApplicationViews {

    private ApplicationViews() {
    }

    /** One step of an application. */
    public record EventView(Instant at, String actor,
                            @Schema(description = "null for the submission") EnrolmentApplication.State from,
                            EnrolmentApplication.State to, String toLabel, String reason) {
    }

    @Schema(name = "Application", description = "助餐申请")
    public record ApplicationView(long id, UUID submissionId,
                                  @Schema(example = "120224********123X") String idNumber,
                                  @Schema(example = "张*华") String name, String phone, String district,
                                  @Schema(description = "街镇") String subdistrict,
                                  EligibilityRoute route, String routeLabel,
                                  @Schema(description = "材料（所见），e.g. 户口簿、低保证") List<String> evidence,
                                  @Schema(description = "true: a clerk applied on the senior's behalf") boolean onBehalf,
                                  EnrolmentApplication.State state, String stateLabel, Instant submittedAt,
                                  String submittedBy,
                                  @Schema(description = "the register's senior, once known") Long seniorId,
                                  @Schema(description = "approval or refusal date") LocalDate decidedOn,
                                  String decidedBy, String refusalReason,
                                  @Schema(description = "after approval: the enrolment ends from this date")
                                  LocalDate withdrawnFrom,
                                  List<EventView> events) {
    }

    /** One line of the list of applications (masked). */
    public record ApplicationListItem(long id, String idNumber, String name, String district, String subdistrict,
                                      EligibilityRoute route, String routeLabel, EnrolmentApplication.State state,
                                      String stateLabel, Instant submittedAt, String submittedBy, Long seniorId) {
    }

    public record ApplicationPage(long total, int offset, int limit, List<ApplicationListItem> items) {
    }

    /**
     * An approval: the application, the senior as now registered (masked), the cards issued, the printed QR code
     * when one was asked for (its token to print; {@code GET /api/qr/seniors/{id}/card.png} prints the card), and the
     * core's eligibility on the approval date.
     */
    public record Approved(ApplicationView application, SeniorView senior, List<CardView> cardsIssued,
                           QrCodes.IssuedCode printedCode, EligibilityView eligibility) {
    }
}
