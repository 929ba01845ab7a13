package cn.laorenjia.settlement.register.rest;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.service.NewCanteen;
import cn.laorenjia.settlement.register.service.NewSenior;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * JSON bodies of the register API, kept apart from the service's commands: they accept what a client
 * sends (strings for enums and ID numbers, so a wrong value gets our error code and Chinese message
 * rather than a parser's). What is simply required is a Bean Validation constraint (the resources take
 * them {@code @Valid}); {@code toCommand} validates the rest through the core's value objects, whose
 * refusal is the request's fault there ({@link InvalidRequest#converting}).
 */
public final class RegisterRequests {

    private RegisterRequests() {
    }

    // --- What OpenAPI says of facts (kept equal to the core's enums by RegisterOpenApiTest) ---

    /** Every fact kind, with its Chinese name and the value it takes. */
    static final String FACT_KINDS = """
            记录类型（kind）：
            LOCAL_HOUSEHOLD 本市户籍（无取值）；
            VISITING_CARE_CATEGORY 探访关爱服务对象（取值见 value，可同时属于几类）；
            HOME_CARE_SUBSIDY 居家养老服务（护理）补贴（无取值）；
            LOW_INCOME_STATUS 低保/低保边缘（取值：DIBAO 低保、DIBAO_EDGE 低保边缘）；
            DISABILITY_LEVEL 失能等级（取值：INTACT 能力完好、MILD 轻度失能、MODERATE 中度失能、SEVERE 重度失能、TOTAL 完全失能）；
            HARDSHIP_DISABILITY_ALLOWANCE 困难残疾人生活补贴（取值：残疾等级 "1"、"2"、"3"、"4"，1级最重）；
            INSTITUTION_RESIDENCE 入住养老机构（无取值）；
            CENTRALISED_SUPPORT 集中供养（无取值）；
            ENROLMENT 助餐登记（取值：APPLIED 已申请、APPROVED 已批准、SUSPENDED 已暂停、WITHDRAWN 已退出）；
            DEATH 死亡（无取值，只有起始日期 from = 死亡日期，不填 to）。""";

    /** The values a fact takes, per kind. */
    static final String FACT_VALUES = """
            取值（value），按记录类型：
            VISITING_CARE_CATEGORY：CHILDLESS_ALONE 孤寡、LIVING_ALONE 独居、EMPTY_NEST 空巢、LEFT_BEHIND 留守、DISABLED 失能、            SEVERELY_HANDICAPPED 重残、BEREAVED_ONLY_CHILD_FAMILY 计划生育特殊家庭；
            LOW_INCOME_STATUS：DIBAO 低保、DIBAO_EDGE 低保边缘；
            DISABILITY_LEVEL：INTACT 能力完好、MILD 轻度失能、MODERATE 中度失能、SEVERE 重度失能、TOTAL 完全失能；
            HARDSHIP_DISABILITY_ALLOWANCE：残疾等级 "1"、"2"、"3"、"4"（字符串，1级最重）；
            ENROLMENT：APPLIED 已申请、APPROVED 已批准、SUSPENDED 已暂停、WITHDRAWN 已退出；
            其他类型不填写取值。""";

    /** The exclusive end. */
    static final String TO_EXCLUSIVE = """
            截止日期（不含当天）：从这一天起该记录不再适用；仍然有效时不填。例如入住养老机构的最后一天是 2024-05-31，            则 to 填 2024-06-01。The end is exclusive: the first day on which the fact no longer holds.""";

    static final String ENROLMENT_STATES = "助餐登记状态：APPLIED 已申请、APPROVED 已批准（只有已批准才享受补贴）、"
            + "SUSPENDED 已暂停、WITHDRAWN 已退出";

    @Schema(name = "CanteenRequest", example = """
            {"code":"BD-HB-99","name":"海滨街道示范老人家食堂","jurisdiction":"tianjin","district":"宝坻区",
             "subdistrict":"海滨街道","address":"海滨街道建设路1号","standardSetPriceFen":1500,
             "menu":[{"code":"L-STD","name":"标准午餐套餐","slot":"LUNCH","priceFen":1500}],
             "terminals":[{"code":"BD-HB-99-T1","name":"1号收银台"}]}""")
    public record CanteenJson(String code, String name, String jurisdiction, String district,
                              @Schema(description = "街镇：须为该区街镇名单中启用的一个") String subdistrict,
                              String address,
                              @Schema(description = "标准套餐价格（分），须在辖区现行政策允许的范围内（如天津 2024：650 至 1950 分）")
                              @NotNull(message = "请填写标准套餐价格（分）standardSetPriceFen") Long standardSetPriceFen,
                              List<@NotNull(message = "菜单 menu 中有空项（null）") @Valid MenuItemJson> menu,
                              List<@NotNull(message = "终端 terminals 中有空项（null）") TerminalJson> terminals) {

        NewCanteen toCommand() {
            return InvalidRequest.converting(() -> new NewCanteen(code, name, jurisdiction, district, subdistrict,
                    address, Money.ofFen(standardSetPriceFen),
                    orEmpty(menu).stream().map(MenuItemJson::toCommand).toList(),
                    orEmpty(terminals).stream().map(TerminalJson::toCommand).toList()));
        }
    }

    public record MenuItemJson(String code, String name, String slot,
                               @NotNull(message = "请填写套餐价格（分）priceFen") Long priceFen) {
        NewCanteen.MenuItem toCommand() {
            return new NewCanteen.MenuItem(code, name, parse(MealSlot.class, slot, "餐次 slot"), Money.ofFen(priceFen));
        }
    }

    public record TerminalJson(String code, String name) {
        NewCanteen.NewTerminal toCommand() {
            return new NewCanteen.NewTerminal(code, name);
        }
    }

    @Schema(name = "SeniorRequest", example = """
            {"idNumber":"120224194805120013","name":"张建华","phone":"13800000000","district":"宝坻区",
             "subdistrict":"海滨街道",
             "facts":[{"kind":"LOCAL_HOUSEHOLD","from":"1948-05-12"},
                      {"kind":"ENROLMENT","value":"APPROVED","from":"2024-03-01"}],
             "cards":[{"kind":"UID","identifier":"04A1B2C3D4","issuedOn":"2024-03-01"}]}""")
    public record SeniorJson(
            @Schema(description = "18位居民身份证号码（出生日期不能晚于今天）") String idNumber,
            @Schema(description = "姓名") String name,
            @Schema(description = "电话：11位手机号（如13800000000）或带区号的固定电话（如022-29241234），可不填") String phone,
            @Schema(description = "区，如 宝坻区") String district,
            @Schema(description = "街镇：须为该区街镇名单（GET /api/register/subdistricts）中启用的一个，如 海滨街道")
            String subdistrict,
                             List<@NotNull(message = "记录 facts 中有空项（null）") @Valid FactJson> facts,
                             List<@NotNull(message = "卡 cards 中有空项（null）") CardJson> cards) {

        NewSenior toCommand(Supplier<LocalDate> today) {
            // IdNumber.parse refuses with a stable reason: answered as 400 INVALID_ID_NUMBER
            IdNumber id = IdNumber.parse(idNumber == null ? null : idNumber.strip());
            return InvalidRequest.converting(() -> new NewSenior(id, name == null ? null : name.strip(),
                    blankToNull(phone), district, subdistrict,
                    orEmpty(facts).stream().map(FactJson::toFact).toList(),
                    orEmpty(cards).stream().map(c -> c.toCommand(today)).toList()));
        }
    }

    /** A dated fact: {@code to} is exclusive and absent while the fact holds. */
    @Schema(name = "FactRequest", description = "一条带日期的记录：从 from（含）到 to（不含）适用。",
            example = "{\"kind\":\"VISITING_CARE_CATEGORY\",\"value\":\"LIVING_ALONE\",\"from\":\"2024-03-01\"}")
    public record FactJson(
            @Schema(description = FACT_KINDS, required = true, enumeration = {"LOCAL_HOUSEHOLD", "VISITING_CARE_CATEGORY",
                    "HOME_CARE_SUBSIDY", "LOW_INCOME_STATUS", "DISABILITY_LEVEL", "HARDSHIP_DISABILITY_ALLOWANCE",
                    "INSTITUTION_RESIDENCE", "CENTRALISED_SUPPORT", "ENROLMENT", "DEATH"}) String kind,
            @Schema(description = FACT_VALUES, enumeration = {"CHILDLESS_ALONE", "LIVING_ALONE", "EMPTY_NEST",
                    "LEFT_BEHIND", "DISABLED", "SEVERELY_HANDICAPPED", "BEREAVED_ONLY_CHILD_FAMILY", "DIBAO",
                    "DIBAO_EDGE", "INTACT", "MILD", "MODERATE", "SEVERE", "TOTAL", "1", "2", "3", "4", "APPLIED",
                    "APPROVED", "SUSPENDED", "WITHDRAWN"}) String value,
            @Schema(description = "起始日期（含当天）", required = true)
            @NotNull(message = "请填写起始日期 from") LocalDate from,
            @Schema(description = TO_EXCLUSIVE) LocalDate to) {
        Fact toFact() {
            FactKind factKind = parse(FactKind.class, kind, "记录类型 kind");
            return InvalidRequest.converting(() -> new Fact(factKind, blankToNull(value), Period.between(from, to)));
        }
    }

    public record CardJson(
            @Schema(description = "卡类型：UID 卡片序列号（IC卡）、SOCIAL_SECURITY 社保卡、PRINTED_QR 纸质二维码卡",
                    enumeration = {"UID", "SOCIAL_SECURITY", "PRINTED_QR"}) String kind,
            @Schema(description = "卡号") String identifier,
            @Schema(description = "发卡日期，默认今天；该卡从这一天起才能使用") LocalDate issuedOn) {
        NewSenior.NewCard toCommand(Supplier<LocalDate> today) {
            return new NewSenior.NewCard(parse(Card.Kind.class, kind, "卡类型 kind"),
                    identifier == null ? null : identifier.strip(), issuedOn == null ? today.get() : issuedOn);
        }
    }

    public record EndFactJson(
            @Schema(description = "截止日期（不含当天）：从这一天起该记录不再适用，即最后适用日的次日。"
                    + "填写记录的起始日期表示当天更正：该记录视为从未适用，保留在历史中并记入审计日志。")
            @NotNull(message = "请填写截止日期 endOn") LocalDate endOn) {
    }

    public record EnrolmentJson(
            @Schema(description = ENROLMENT_STATES, required = true,
                    enumeration = {"APPLIED", "APPROVED", "SUSPENDED", "WITHDRAWN"}) String state,
            @Schema(description = "生效日期（含当天）；此前的状态到这一天结束。与当前状态同一天生效时视为当天更正："
                    + "原状态视为从未适用，保留在历史中并记入审计日志。")
            @NotNull(message = "请填写生效日期 from") LocalDate from) {
        EnrolmentState toState() {
            return parse(EnrolmentState.class, state, "登记状态 state");
        }
    }

    public record RevokeCardJson(String status, LocalDate on) {
        Card.Status toStatus() {
            return status == null ? Card.Status.REVOKED : parse(Card.Status.class, status, "卡状态 status");
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest("请填写" + what);
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(what + " 的取值无效：" + value);
        }
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw new ApiException(ErrorCodes.MALFORMED_REQUEST, "请求体不能为空");
        }
        return body;
    }

    /** The list's items; an empty list when absent (a null item is refused by the constraint on the list). */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
