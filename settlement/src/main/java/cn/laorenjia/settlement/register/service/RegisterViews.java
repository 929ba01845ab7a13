package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.security.IssuedTerminalSecret;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the register API answers. Money is given twice: integer fen for programs, a yuan string
 * ("13.00") for people; never a floating-point number. Personal data (ID number, name, birth date,
 * phone, card identifiers) is masked for every role but administrator.
 */
public final class RegisterViews {

    private RegisterViews() {
    }

    public record MealSetView(long id, String code, String name, MealSlot slot, long priceFen,
                              @Schema(example = "15.00") String price, boolean active) {
    }

    public record TerminalView(long id, String code, String name, String canteenCode, boolean active,
                               @Schema(description = "when the current secret was issued; null if none yet")
                               Instant secretIssuedAt) {
    }

    public record CanteenView(long id, String code, String name, String jurisdiction, String district,
                              @Schema(description = "街镇") String subdistrict, String address,
                              long standardSetPriceFen, @Schema(example = "15.00") String standardSetPrice,
                              boolean active, List<MealSetView> menu, List<TerminalView> terminals,
                              @Schema(description = "营业时间 (信息公开), null when not given") String openingHours,
                              @Schema(description = "对外电话 (信息公开), null when not given") String publicPhone) {
    }

    /** A canteen just registered, with the secrets of its terminals, shown this once. */
    public record CanteenRegistered(CanteenView canteen, List<IssuedTerminalSecret> terminalSecrets) {
    }

    /** A terminal just registered, with its secret, shown this once. */
    public record TerminalRegistered(TerminalView terminal, IssuedTerminalSecret secret) {
    }

    /**
     * A dated fact. For everyone but an administrator reading in full, a date within a day of the senior's birthday
     * (the birth date itself, or a fact derived from turning 60, 70, 80, ...) is withheld: {@code from}/{@code to}
     * null and {@code datesWithheld} true, so that no fact reveals a birth date the masked ID number hides.
     */
    public record FactView(long id, FactKind kind, String kindLabel, String value,
                           LocalDate from, @Schema(description = "exclusive; null while the fact holds") LocalDate to,
                           @Schema(description = "a date was withheld because it would reveal the birth date")
                           boolean datesWithheld,
                           @Schema(description = "who recorded it (username, or system)") String recordedBy,
                           @Schema(description = "set when the fact was corrected on its first day (recorded by "
                                   + "mistake): it never held, and is kept in the history") Instant correctedAt,
                           @Schema(description = "who corrected it") String correctedBy) {
    }

    public record CardView(long id, Card.Kind kind, String identifier, Card.Status status, LocalDate issuedOn,
                           LocalDate revokedOn, String recordedBy) {
    }

    /** One line of a senior search. */
    public record SeniorListItem(long id, @Schema(example = "120224********123X") String idNumber,
                                 @Schema(example = "张*华") String name, boolean male, int age, String district,
                                 String subdistrict,
                                 @Schema(description = "enrolment state today, null if never enrolled") String enrolment,
                                 boolean deceased) {
    }

    public record SeniorPage(long total, int offset, int limit, List<SeniorListItem> items) {
    }

    /** One senior with facts and cards, as of {@code asOf} (today in Asia/Shanghai). */
    public record SeniorView(long id, String idNumber, String name,
                             @Schema(description = "null unless the caller may see personal data") LocalDate birthDate,
                             boolean male, int age, String phone, String district, String subdistrict,
                             LocalDate asOf, String enrolment, String enrolmentLabel, boolean deceased,
                             List<FactView> facts, List<CardView> cards) {
    }
}
