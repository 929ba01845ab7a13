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
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.service.NewCanteen;
import cn.laorenjia.settlement.register.service.NewSenior;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * JSON bodies of the register API, kept apart from the service's commands: they accept what a client
 * sends (strings for enums and ID numbers, so a wrong value gets our error code and Chinese message
 * rather than a parser's), and {@code toCommand} validates through the core's value objects.
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
                              String address, Long standardSetPriceFen, List<MenuItemJson> menu,
                              List<TerminalJson> terminals) {

        NewCanteen toCommand() {
            if (standardSetPriceFen == null) {
                throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, "请填写标准套餐价格（分）standardSetPriceFen");
            }
            return new NewCanteen(code, name, jurisdiction, district, subdistrict, address,
                    Money.ofFen(standardSetPriceFen),
                    elements(menu, "菜单 menu").stream().map(MenuItemJson::toCommand).toList(),
                    elements(terminals, "终端 terminals").stream().map(TerminalJson::toCommand).toList());
        }
    }

    public record MenuItemJson(String code, String name, String slot, Long priceFen) {
        NewCanteen.MenuItem toCommand() {
            if (priceFen == null) {
                throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, "请填写套餐价格（分）priceFen");
            }
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
                             List<FactJson> facts, List<CardJson> cards) {

        NewSenior toCommand(Supplier<LocalDate> today) {
            // IdNumber.parse refuses with a stable reason: answered as 400 INVALID_ID_NUMBER
            IdNumber id = IdNumber.parse(idNumber == null ? null : idNumber.strip());
            return new NewSenior(id, name == null ? null : name.strip(), blankToNull(phone), district, subdistrict,
                    elements(facts, "记录 facts").stream().map(FactJson::toFact).toList(),
                    elements(cards, "卡 cards").stream().map(c -> c.toCommand(today)).toList());
        }
    }

    /** A dated fact: {@code to} is exclusive and absent while the fact holds. */
    public record FactJson(String kind, String value, LocalDate from, LocalDate to) {
        Fact toFact() {
            if (from == null) {
                throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, "请填写起始日期 from");
            }
            return new Fact(parse(FactKind.class, kind, "记录类型 kind"), blankToNull(value), Period.between(from, to));
        }
    }

    public record CardJson(String kind, String identifier, LocalDate issuedOn) {
        NewSenior.NewCard toCommand(Supplier<LocalDate> today) {
            return new NewSenior.NewCard(parse(Card.Kind.class, kind, "卡类型 kind"),
                    identifier == null ? null : identifier.strip(), issuedOn == null ? today.get() : issuedOn);
        }
    }

    public record EndFactJson(LocalDate endOn) {
    }

    public record EnrolmentJson(String state, LocalDate from) {
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
            throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, "请填写" + what);
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, what + " 的取值无效：" + value);
        }
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw ApiException.badRequest(ErrorCodes.MALFORMED_REQUEST, "请求体不能为空");
        }
        return body;
    }

    /** The list's items; an empty list when absent. A null item ({@code "menu":[null]}) is refused, not a 500. */
    private static <T> List<T> elements(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        if (list.contains(null)) {
            throw ApiException.badRequest(ErrorCodes.INVALID_REQUEST, what + " 中有空项(null)");
        }
        return list;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
