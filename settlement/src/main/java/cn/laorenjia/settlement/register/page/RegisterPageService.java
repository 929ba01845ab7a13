package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.VisitingCareCategory;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.page.PageModels.CanteenRow;
import cn.laorenjia.settlement.register.page.PageModels.CanteenSheet;
import cn.laorenjia.settlement.register.page.PageModels.CardRow;
import cn.laorenjia.settlement.register.page.PageModels.Choice;
import cn.laorenjia.settlement.register.page.PageModels.ChoiceGroup;
import cn.laorenjia.settlement.register.page.PageModels.EligibilityPanel;
import cn.laorenjia.settlement.register.page.PageModels.FactRow;
import cn.laorenjia.settlement.register.page.PageModels.HistoryRow;
import cn.laorenjia.settlement.register.page.PageModels.Identity;
import cn.laorenjia.settlement.register.page.PageModels.MealSetRow;
import cn.laorenjia.settlement.register.page.PageModels.SearchResult;
import cn.laorenjia.settlement.register.page.PageModels.SeniorRow;
import cn.laorenjia.settlement.register.page.PageModels.SeniorSheet;
import cn.laorenjia.settlement.register.page.PageModels.TerminalRow;
import cn.laorenjia.settlement.register.service.RegisterService;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenView;
import cn.laorenjia.settlement.register.service.RegisterViews.FactView;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorPage;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorView;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.register.service.SeniorEligibility;
import cn.laorenjia.settlement.register.service.SeniorEligibility.EligibilityView;
import cn.laorenjia.settlement.register.service.SeniorHistory;
import cn.laorenjia.settlement.register.service.SeniorQuery;
import cn.laorenjia.settlement.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import cn.laorenjia.settlement.security.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads for the register's pages, through the register's own services (RegisterService masks and audits), put into
 * the page's words: {@link PageModels}. Eligibility today is {@link SeniorEligibility}'s, the same assessment the
 * register's API answers with.
 */
@ApplicationScoped
public class RegisterPageService {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private static final DateTimeFormatter STEP_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final EntityManager em;
    private final RegisterService register;
    private final PolicyCatalog policies;
    private final AreaScopes scopes;
    private final SeniorHistory history;
    private final SecurityIdentity identity;
    private final SeniorEligibility eligibility;

    public RegisterPageService(EntityManager em, RegisterService register, PolicyCatalog policies,
                               AreaScopes scopes, SeniorHistory history, SecurityIdentity identity,
                               SeniorEligibility eligibility) {
        this.eligibility = eligibility;
        this.em = em;
        this.register = register;
        this.policies = policies;
        this.scopes = scopes;
        this.history = history;
        this.identity = identity;
    }

    /** Whether the signed-in person is an administrator (else a 街道 clerk: the navigation shows them less). */
    public boolean administrator() {
        return identity.hasRole(Roles.ADMINISTRATOR);
    }

    /** The signed-in person as the page names them: 显示名（用户名）. */
    @Transactional
    public String who(String username) {
        return Person.<Person>find("username", username).firstResultOptional()
                .map(p -> p.displayName + "（" + username + "）").orElse(username);
    }

    /** Masked always: the list is no place to read personal data. */
    @Transactional
    public SearchResult search(String q, String subdistrict, String error) {
        List<Choice> subdistricts = subdistricts(subdistrict);
        boolean searched = q != null || subdistrict != null;
        if (!searched || error != null) {
            return new SearchResult(q == null ? "" : q, subdistricts, false, 0, false, List.of(), error);
        }
        SeniorQuery query = new SeniorQuery(null, subdistrict, q, 0, PAGE_SIZE);
        SeniorPage page = register.searchSeniors(query, false, null);
        // a whole ID number or phone searched for is personal data: the page does not repeat it
        String echo = query.byFullIdNumber() || query.byPhone() ? "" : q == null ? "" : q;
        List<SeniorRow> rows = page.items().stream().map(s -> new SeniorRow(s.id(), s.idNumber(), s.name(),
                s.male() ? "男" : "女", s.age(), s.subdistrict(), enrolmentLabel(s.enrolment()), s.deceased())).toList();
        return new SearchResult(echo, subdistricts, true, page.total(), page.total() > rows.size(), rows, null);
    }

    /**
     * A senior's sheet, masked unless {@code unmaskReason} is given: then RegisterService reads it in full and records
     * the read with the reason in the audit.
     */
    @Transactional
    public SeniorSheet senior(long id, String unmaskReason, String unmaskError) {
        boolean unmasked = unmaskReason != null;
        SeniorView s = register.senior(id, unmasked, unmaskReason);
        LocalDate today = s.asOf();
        Identity identity = new Identity(s.id(), s.idNumber(), s.name(),
                s.birthDate() == null ? null : s.birthDate().toString(), s.male() ? "男" : "女", s.age(),
                s.phone() == null ? "" : s.phone(), s.district(), s.subdistrict(), today.toString(), s.enrolmentLabel(),
                s.deceased(), unmasked, unmaskReason);
        List<FactRow> facts = s.facts().stream()
                .sorted((a, b) -> a.kind() == b.kind() ? Long.compare(a.id(), b.id()) : a.kind().compareTo(b.kind()))
                .map(RegisterPageService::factRow).toList();
        List<CardRow> cards = s.cards().stream().map(c -> new CardRow(c.id(), cardKindLabel(c.kind()), c.identifier(),
                cardStatusLabel(c.status()), String.valueOf(c.issuedOn()),
                c.revokedOn() == null ? "" : c.revokedOn().toString(), c.status() == Card.Status.ACTIVE)).toList();
        List<HistoryRow> steps = history.of(id).steps().stream().map(h -> new HistoryRow(STEP_AT.format(h.at()),
                h.effectiveOn() == null ? "" : h.effectiveOn().toString(), h.actor(), h.textZh())).toList();
        return new SeniorSheet(identity, eligibility(id, today), facts, cards, today.toString(), factKinds(),
                factValues(), enrolmentStates(), cardKinds(), unmaskError, steps);
    }

    /** The core's verdict on the senior today, every reason with it: the same assessment as the register's API. */
    EligibilityPanel eligibility(long seniorId, LocalDate today) {
        EligibilityView e = eligibility.ofSenior(seniorId, Optional.of(today));
        if (e.policyVersion() == null) {
            return new EligibilityPanel(false, "无法判断", "", List.of(), List.of(e.summaryZh()));
        }
        return new EligibilityPanel(e.eligible(), e.eligible() ? "今天可以享受助餐补贴" : "今天不能享受助餐补贴",
                e.policyVersion(), e.routes().stream().map(SeniorEligibility.RouteView::labelZh).toList(),
                e.reasons().stream().map(SeniorEligibility.ReasonView::labelZh).toList());
    }

    @Transactional
    public List<CanteenRow> canteens() {
        return register.canteens(Optional.empty(), Optional.empty()).stream().map(RegisterPageService::canteenRow)
                .toList();
    }

    @Transactional
    public CanteenSheet canteen(String code) {
        CanteenView c = register.canteen(code);
        return new CanteenSheet(canteenRow(c),
                c.menu().stream().sorted((a, b) -> a.code().compareTo(b.code()))
                        .map(m -> new MealSetRow(m.code(), m.name(), slotLabel(m.slot()), m.slot().name(), m.price(),
                                m.active())).toList(),
                c.terminals().stream().sorted((a, b) -> a.code().compareTo(b.code()))
                        .map(t -> new TerminalRow(t.code(), t.name(), t.active(),
                                t.secretIssuedAt() == null ? "尚未签发" : ISSUED_AT.format(t.secretIssuedAt()))).toList(),
                slots(MealSlot.LUNCH));
    }

    public List<Choice> jurisdictions() {
        return policies.jurisdictions().stream().sorted().map(j -> new Choice(j, j, j.equals("tianjin"))).toList();
    }

    /**
     * The 街镇 of the register (where seniors live or canteens stand), for the search's filter; a 街道 clerk's own
     * only (the search is scoped to it anyway).
     */
    List<Choice> subdistricts(String selected) {
        AreaScope scope = scopes.current();
        if (!scope.isAll()) {
            return scope.subdistrict() == null ? List.of()
                    : List.of(new Choice(scope.subdistrict(), scope.subdistrict(), true));
        }
        List<String> names = em.createQuery("select distinct s.subdistrict from Senior s", String.class).getResultList();
        List<String> canteens = em.createQuery("select distinct c.subdistrict from Canteen c", String.class)
                .getResultList();
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", "全部街镇", selected == null));
        Stream.concat(names.stream(), canteens.stream()).distinct().sorted()
                .forEach(n -> choices.add(new Choice(n, n, n.equals(selected))));
        return choices;
    }

    static List<Choice> slots(MealSlot selected) {
        return Arrays.stream(MealSlot.values()).map(s -> new Choice(s.name(), slotLabel(s), s == selected)).toList();
    }

    static String slotLabel(MealSlot slot) {
        return switch (slot) {
            case BREAKFAST -> "早餐";
            case LUNCH -> "午餐";
            case DINNER -> "晚餐";
        };
    }

    private static FactRow factRow(FactView f) {
        boolean open = f.to() == null;
        return new FactRow(f.id(), f.kindLabel(), valueLabel(f.kind(), f.value()),
                f.from() == null ? "" : f.from().toString(), PageForm.lastDayOf(f.to()), open && !f.datesWithheld(),
                f.datesWithheld(),
                // a death never ends; the enrolment state changes through its own form (the next state ends it)
                open && !f.datesWithheld() && f.kind() != FactKind.DEATH && f.kind() != FactKind.ENROLMENT,
                f.recordedBy() == null ? "" : f.recordedBy());
    }

    /** A stored value in Chinese (the enum names are the register's, not the page's). */
    static String valueLabel(FactKind kind, String value) {
        if (value == null) {
            return "";
        }
        try {
            return switch (kind) {
                case VISITING_CARE_CATEGORY -> VisitingCareCategory.valueOf(value).labelZh();
                case LOW_INCOME_STATUS -> LowIncomeStatus.valueOf(value).labelZh();
                case DISABILITY_LEVEL -> DisabilityLevel.valueOf(value).labelZh();
                case HARDSHIP_DISABILITY_ALLOWANCE -> gradeLabel(value);
                case ENROLMENT -> EnrolmentState.valueOf(value).labelZh();
                default -> value;
            };
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static String gradeLabel(String grade) {
        return switch (grade) {
            case "1" -> "一级残疾";
            case "2" -> "二级残疾";
            case "3" -> "三级残疾";
            case "4" -> "四级残疾";
            default -> grade;
        };
    }

    static String enrolmentLabel(String state) {
        return state == null ? "未登记" : EnrolmentState.valueOf(state).labelZh();
    }

    static String cardKindLabel(Card.Kind kind) {
        return switch (kind) {
            case UID -> "IC卡";
            case SOCIAL_SECURITY -> "社保卡";
            case PRINTED_QR -> "纸质二维码卡";
        };
    }

    static String cardStatusLabel(Card.Status status) {
        return switch (status) {
            case ACTIVE -> "有效";
            case LOST -> "已挂失";
            case REVOKED -> "已注销";
        };
    }

    /** The kinds a page records as facts (the enrolment state has its own form). */
    static List<Choice> factKinds() {
        return Arrays.stream(FactKind.values()).filter(k -> k != FactKind.ENROLMENT)
                .map(k -> new Choice(k.name(), k.labelZh(), false)).toList();
    }

    static List<ChoiceGroup> factValues() {
        return List.of(
                new ChoiceGroup("探访关爱服务对象类别", Arrays.stream(VisitingCareCategory.values())
                        .map(v -> new Choice(v.name(), v.labelZh(), false)).toList()),
                new ChoiceGroup("低保/低保边缘", Arrays.stream(LowIncomeStatus.values())
                        .map(v -> new Choice(v.name(), v.labelZh(), false)).toList()),
                new ChoiceGroup("失能等级", Arrays.stream(DisabilityLevel.values())
                        .map(v -> new Choice(v.name(), v.labelZh(), false)).toList()),
                new ChoiceGroup("困难残疾人生活补贴：残疾等级", Stream.of("1", "2", "3", "4")
                        .map(g -> new Choice(g, gradeLabel(g), false)).toList()));
    }

    static List<Choice> enrolmentStates() {
        return Arrays.stream(EnrolmentState.values()).map(s -> new Choice(s.name(), s.labelZh(), false)).toList();
    }

    static List<Choice> cardKinds() {
        return Arrays.stream(Card.Kind.values()).map(k -> new Choice(k.name(), cardKindLabel(k), k == Card.Kind.UID))
                .toList();
    }

    private static CanteenRow canteenRow(CanteenView c) {
        return new CanteenRow(c.code(), c.name(), c.jurisdiction(), c.district(), c.subdistrict(),
                c.address() == null ? "" : c.address(), c.standardSetPrice(), c.active(), c.menu().size(),
                c.terminals().size(), c.openingHours() == null ? "" : c.openingHours(),
                c.publicPhone() == null ? "" : c.publicPhone());
    }
}
