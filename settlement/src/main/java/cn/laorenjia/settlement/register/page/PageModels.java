package cn.laorenjia.settlement.register.page;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the register's pages show, already in the words and formats of the page: dates as 2026-12-03, a fact's period
 * with its LAST DAY (inclusive) although the register stores the day after, money in yuan, labels in Chinese. The
 * templates only place these values; they decide nothing.
 */
public final class PageModels {

    private PageModels() {
    }

    /** One option of a select. */
    @TemplateData
    public record Choice(String value, String label, boolean selected) {
    }

    @TemplateData
    public record ChoiceGroup(String label, List<Choice> choices) {
    }

    @TemplateData
    public record SeniorRow(long id, String idNumber, String name, String sex, int age, String subdistrict,
                            String enrolment, boolean deceased) {
    }

    @TemplateData
    public record SearchResult(String q, List<Choice> subdistricts, boolean searched, long total, boolean more,
                               List<SeniorRow> rows, String error) {
    }

    @TemplateData
    public record Identity(long id, String idNumber, String name, String birthDate, String sex, int age, String phone,
                           String district, String subdistrict, String asOf, String enrolment, boolean deceased,
                           boolean unmasked, String unmaskReason) {
    }

    /** Eligibility today as the core's rules decide it: every route met and every reason against. */
    @TemplateData
    public record EligibilityPanel(boolean eligible, String verdict, String policyVersion, List<String> routes,
                                   List<String> reasons) {
    }

    /** A dated fact; {@code lastDay} is the last day it holds (inclusive), blank while it holds. */
    @TemplateData
    public record FactRow(long id, String kind, String value, String from, String lastDay, boolean open,
                          boolean withheld, boolean endable, String recordedBy) {
    }

    @TemplateData
    public record CardRow(long id, String kind, String identifier, String status, String issuedOn, String revokedOn,
                          boolean active) {
    }

    /** Everything the senior's page shows and the choices of its forms. */
    @TemplateData
    public record SeniorSheet(Identity identity, EligibilityPanel eligibility, List<FactRow> facts,
                              List<CardRow> cards, String today, List<Choice> factKinds,
                              List<ChoiceGroup> factValues, List<Choice> enrolmentStates, List<Choice> cardKinds,
                              String unmaskError, List<HistoryRow> history) {
    }

    /** A step of the senior's history: when recorded, the day it takes effect (if it has one), who, what. */
    @TemplateData
    public record HistoryRow(String at, String effectiveOn, String actor, String text) {
    }

    @TemplateData
    public record MealSetRow(String code, String name, String slot, String slotCode, String price, boolean active) {
    }

    @TemplateData
    public record TerminalRow(String code, String name, boolean active, String secretIssuedAt) {
    }

    @TemplateData
    public record CanteenRow(String code, String name, String jurisdiction, String district, String subdistrict,
                             String address, String standardSetPrice, boolean active, int menuSize,
                             int terminalCount, String openingHours, String publicPhone) {
    }

    @TemplateData
    public record CanteenSheet(CanteenRow canteen, List<MealSetRow> menu, List<TerminalRow> terminals,
                               List<Choice> slots) {
    }

    @TemplateData
    public record NewCanteenForm(List<Choice> jurisdictions, List<Choice> slots, List<Integer> menuRows,
                                 List<Integer> terminalRows) {
    }

    @TemplateData
    public record ApplicationRow(long id, String idNumber, String name, String place, String route, String state,
                                 String submittedAt, String submittedBy) {
    }

    @TemplateData
    public record ApplicationList(List<Choice> states, long total, boolean more, List<ApplicationRow> rows) {
    }

    @TemplateData
    public record NewApplicationForm(String submissionId, List<ChoiceGroup> places, List<Choice> routes,
                                     List<Choice> documents) {
    }

    @TemplateData
    public record EventRow(String at, String actor, String state, String reason) {
    }

    /** The core's verdict for an application today: the route claimed (met or why not), the routes found, the reasons. */
    @TemplateData
    public record ReviewPanel(boolean eligible, String verdict, String date, String policyVersion, String claimedRoute,
                              String claimedVerdict, List<String> claimedFailures, List<String> routes,
                              List<String> reasons, boolean assumesApproval) {
    }

    @TemplateData
    public record ApplicationSheet(long id, String idNumber, String name, String phone, String place, String route,
                                   String evidence, String onBehalf, String state, String stateLabel,
                                   String submittedAt, String submittedBy, Long seniorId, String decidedOn,
                                   String decidedBy, String refusalReason, String withdrawnFrom,
                                   List<EventRow> events, ReviewPanel review, String today, boolean canStartReview,
                                   boolean canDecide, boolean canWithdraw, boolean approved, List<Integer> factRows,
                                   List<Choice> factKinds, List<ChoiceGroup> factValues) {
    }

    /** A past dry run or import, with what it wrote. */
    @TemplateData
    public record ImportRow(long id, String at, String actor, String kind, String fileName, String mode, int rows,
                            int rowsWithProblems, String written, String resultUrl) {
    }
}
