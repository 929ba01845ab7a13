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

    @Schema(name = "CanteenRequest", example = """
            {"code":"BD-HB-99","name":"海滨街道示范老人家食堂","jurisdiction":"tianjin","district":"宝坻区",
             "subdistrict":"海滨街道","address":"海滨街道建设路1号","standardSetPriceFen":1500,
             "menu":[{"code":"L-STD","name":"标准午餐套餐","slot":"LUNCH","priceFen":1500}],
             "terminals":[{"code":"BD-HB-99-T1","name":"1号收银台"}]}""")
    public record CanteenJson(String code, String name, String jurisdiction, String district, String subdistrict,
                              String address,
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
    public record SeniorJson(String idNumber, String name, String phone, String district, String subdistrict,
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
    public record FactJson(String kind, String value, @NotNull(message = "请填写起始日期 from") LocalDate from,
                           LocalDate to) {
        Fact toFact() {
            FactKind factKind = parse(FactKind.class, kind, "记录类型 kind");
            return InvalidRequest.converting(() -> new Fact(factKind, blankToNull(value), Period.between(from, to)));
        }
    }

    public record CardJson(String kind, String identifier, LocalDate issuedOn) {
        NewSenior.NewCard toCommand(Supplier<LocalDate> today) {
            return new NewSenior.NewCard(parse(Card.Kind.class, kind, "卡类型 kind"),
                    identifier == null ? null : identifier.strip(), issuedOn == null ? today.get() : issuedOn);
        }
    }

    public record EndFactJson(@NotNull(message = "请填写截止日期 endOn") LocalDate endOn) {
    }

    public record EnrolmentJson(String state, @NotNull(message = "请填写生效日期 from") LocalDate from) {
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
