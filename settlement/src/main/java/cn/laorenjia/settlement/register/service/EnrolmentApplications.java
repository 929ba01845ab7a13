package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.qr.QrCodes;
import cn.laorenjia.settlement.register.entity.ApplicationEvent;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication.State;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationListItem;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationPage;
import cn.laorenjia.settlement.register.service.ApplicationViews.ApplicationView;
import cn.laorenjia.settlement.register.service.ApplicationViews.Approved;
import cn.laorenjia.settlement.register.service.ApplicationViews.EventView;
import cn.laorenjia.settlement.register.service.RegisterViews.CardView;
import cn.laorenjia.settlement.register.service.SeniorEligibility.EligibilityView;
import cn.laorenjia.settlement.register.service.SeniorEligibility.ReasonView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Applications for the meal subsidy (经自愿申请): a senior applies in person, or a clerk on their behalf, with the
 * route claimed and the documents seen; a reviewer starts the review, sees the core's eligibility with every reason,
 * and approves (the senior is entered into the register, or their entry enrolled, from the approval date, and cards
 * and/or a printed QR code issued) or refuses with a reason; the senior may withdraw, before the decision or after
 * approval (the enrolment then ends from a date). Every step is an {@code application_event} and an audit entry.
 *
 * <p>All of it within the caller's {@link AreaScope}: a 街道 clerk sees and decides only the applications of their
 * own 街镇. A retried step (the same state asked for again) answers the application as it is and changes nothing.
 */
@ApplicationScoped
public class EnrolmentApplications {

    private static final Pattern HAN = Pattern.compile(".*\\p{IsHan}.*", Pattern.DOTALL);
    private static final int MAX_REASON = 200;

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final RegisterService register;
    private final AreaScopes scopes;
    private final SeniorEligibility eligibility;
    private final QrCodes qr;
    private final ObjectMapper json;

    public EnrolmentApplications(EntityManager em, Clock clock, AuditLog audit, RegisterService register,
                                 AreaScopes scopes, SeniorEligibility eligibility, QrCodes qr, ObjectMapper json) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.register = register;
        this.scopes = scopes;
        this.eligibility = eligibility;
        this.qr = qr;
        this.json = json;
    }

    /** What an approval records: the facts the evidence established, the cards to issue, a printed QR card or not. */
    public record Approval(List<Fact> facts, List<NewSenior.NewCard> cards, boolean printedQr) {
        public Approval {
            facts = facts == null ? List.of() : List.copyOf(facts);
            cards = cards == null ? List.of() : List.copyOf(cards);
            for (Fact f : facts) {
                if (f.kind() == FactKind.ENROLMENT) {
                    throw InvalidRequest.of("facts", "登记状态由批准决定：facts 中不要填写 ENROLMENT");
                }
            }
        }
    }

    /**
     * Submits an application. The same {@code submissionId} again answers the stored application (changing nothing);
     * another open application of the same ID number is refused.
     *
     * @return the application, and whether it was created now (false for a retry)
     */
    @Transactional
    public Submitted submit(NewApplication command) {
        AreaScope scope = scopes.current();
        EnrolmentApplication earlier = EnrolmentApplication.<EnrolmentApplication>find("submissionId",
                command.submissionId()).firstResult();
        if (earlier != null) {
            if (!earlier.idNumber.equals(command.idNumber().value()) || !scope.covers(earlier.district, earlier.subdistrict)) {
                throw new ApiException(ErrorCodes.DUPLICATE, "该提交编号 submissionId 已用于另一份申请",
                        Map.of("field", "submissionId"));
            }
            return new Submitted(view(earlier, false), false);
        }
        RegisterService.requireInScope(scope, command.district(), command.subdistrict());
        checkWithRegisterRules(command);
        List<EnrolmentApplication> open = EnrolmentApplication.list("idNumber = ?1 and state in ?2",
                command.idNumber().value(), List.of(State.SUBMITTED, State.UNDER_REVIEW));
        if (!open.isEmpty()) {
            EnrolmentApplication other = open.get(0);
            throw new ApiException(ErrorCodes.APPLICATION_ALREADY_OPEN, "该老人已有一份待审核的申请",
                    scope.covers(other.district, other.subdistrict) ? Map.of("applicationId", other.id) : Map.of());
        }
        Senior registered = Senior.<Senior>find("idNumber", command.idNumber().value()).firstResult();
        if (registered != null && !(registered.district.equals(command.district())
                && registered.subdistrict.equals(command.subdistrict()))) {
            throw new ApiException(ErrorCodes.SENIOR_OF_ANOTHER_SUBDISTRICT,
                    "该老人已在其他街镇登记，请由区民政管理员核实后办理");
        }
        EnrolmentApplication application = new EnrolmentApplication();
        application.submissionId = command.submissionId();
        application.idNumber = command.idNumber().value();
        application.name = command.name();
        application.phone = command.phone();
        application.district = command.district();
        application.subdistrict = command.subdistrict();
        application.route = command.route();
        application.evidence = command.evidence().toArray(String[]::new);
        application.onBehalf = command.onBehalf();
        application.state = State.SUBMITTED;
        application.submittedAt = clock.instant();
        application.submittedBy = audit.currentActor().name();
        application.seniorId = registered == null ? null : registered.id;
        application.persist();
        em.flush();
        recordEvent(application, null, State.SUBMITTED, null, Map.of("route", command.route().name(),
                "evidence", command.evidence(), "onBehalf", command.onBehalf()));
        audit.record(AuditAction.APPLICATION_SUBMITTED, Subject.of("application", application.id), null, Map.of(
                "idNumber", command.idNumber().masked(), "route", command.route().name(),
                "subdistrict", command.subdistrict(), "onBehalf", command.onBehalf()));
        return new Submitted(view(application, false), true);
    }

    /** An application submitted now, or the one a retry of its submission found. */
    public record Submitted(ApplicationView application, boolean created) {
    }

    /** The register's rules for a new senior apply to an applicant as to anyone entered through the API. */
    private void checkWithRegisterRules(NewApplication command) {
        register.requireNewSeniorRules(command.idNumber(), command.district(), command.subdistrict());
    }

    @Transactional
    public ApplicationPage list(ApplicationQuery query) {
        StringBuilder where = new StringBuilder(" from EnrolmentApplication a where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        where.append(scopes.current().condition("a", params));
        query.state().ifPresent(s -> {
            where.append(" and a.state = :state");
            params.put("state", s);
        });
        if (query.district() != null) {
            where.append(" and a.district = :district");
            params.put("district", query.district());
        }
        if (query.subdistrict() != null) {
            where.append(" and a.subdistrict = :subdistrict");
            params.put("subdistrict", query.subdistrict());
        }
        TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
        TypedQuery<EnrolmentApplication> page = em.createQuery("select a" + where + " order by a.id desc",
                EnrolmentApplication.class).setFirstResult(query.offset()).setMaxResults(query.limit());
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            page.setParameter(k, v);
        });
        List<ApplicationListItem> items = page.getResultList().stream().map(a -> new ApplicationListItem(a.id,
                a.parsedIdNumber().masked(), PersonName.masked(a.name), a.district, a.subdistrict, a.route,
                a.route.labelZh(), a.state, a.state.labelZh(), a.submittedAt, a.submittedBy, a.seniorId)).toList();
        return new ApplicationPage(count.getSingleResult(), query.offset(), query.limit(), items);
    }

    /** One application; in full ({@code personalData}) only with a reason, recorded in the audit. */
    @Transactional
    public ApplicationView get(long id, boolean personalData, String reason) {
        EnrolmentApplication application = find(id);
        if (personalData) {
            audit.record(AuditAction.APPLICATION_READ_UNMASKED, Subject.of("application", id), reason,
                    Map.of("idNumber", application.parsedIdNumber().masked()));
        }
        return view(application, personalData);
    }

    /** Submitted → under review. */
    @Transactional
    public ApplicationView startReview(long id) {
        EnrolmentApplication application = find(id);
        if (application.state == State.UNDER_REVIEW) {
            return view(application, false);
        }
        requireState(application, State.SUBMITTED, "开始审核");
        move(application, State.UNDER_REVIEW, null, Map.of());
        audit.record(AuditAction.APPLICATION_REVIEW_STARTED, Subject.of("application", id), null, Map.of());
        return view(application, false);
    }

    /**
     * The core's eligibility for the applicant on that date, as if the application were approved then, with the
     * register's facts (if already registered) and the {@code proposed} facts the reviewer would record.
     */
    @Transactional
    public EligibilityView assess(long id, Optional<LocalDate> date, List<Fact> proposed) {
        EnrolmentApplication application = find(id);
        LocalDate on = date.orElseGet(register::today);
        Optional<Senior> senior = registeredSenior(application);
        return eligibility.assess(senior.map(s -> s.id).orElse(null), application.id,
                prospectiveFacts(application, senior, proposed == null ? List.of() : proposed, on),
                application.district, application.subdistrict, on, application.route, true);
    }

    /**
     * Under review → approved, today: the facts are recorded, the senior entered into the register (or their entry
     * enrolled) from today, the cards and/or a printed QR card issued. Refused (and nothing recorded) unless the core
     * finds the senior eligible today by the route claimed.
     */
    @Transactional
    public Approved approve(long id, Approval approval) {
        EnrolmentApplication application = find(id);
        if (application.state == State.APPROVED) {
            return new Approved(view(application, false), register.senior(application.seniorId, false, null),
                    List.of(), null, assess(id, Optional.of(application.decidedOn), List.of()));
        }
        requireState(application, State.UNDER_REVIEW, "批准");
        LocalDate today = register.today();
        Optional<Senior> existing = registeredSenior(application);
        EligibilityView decision = eligibility.assess(existing.map(s -> s.id).orElse(null), application.id,
                prospectiveFacts(application, existing, approval.facts(), today), application.district,
                application.subdistrict, today, application.route, true);
        if (decision.policyVersion() == null) {
            throw new ApiException(ErrorCodes.NO_POLICY_FOR_SUBDISTRICT, decision.summaryZh());
        }
        if (!decision.eligible() || !decision.claimedRoute().met()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reasons", decision.reasons().stream().map(EnrolmentApplications::reasonMap).toList());
            details.put("claimedRouteFailures",
                    decision.claimedRoute().failures().stream().map(EnrolmentApplications::reasonMap).toList());
            throw new ApiException(ErrorCodes.NOT_ELIGIBLE_ON_REVIEW, decision.eligible()
                    ? "按所申请的途径（" + application.route.labelZh() + "）不符合条件，不能批准；可不予批准并说明理由"
                    : decision.summaryZh() + "；不能批准，可补充记录或不予批准并说明理由", details);
        }
        boolean hasActiveCard = existing.map(s -> s.cards.stream().anyMatch(c -> c.status == Card.Status.ACTIVE))
                .orElse(false);
        if (approval.cards().isEmpty() && !approval.printedQr() && !hasActiveCard) {
            throw InvalidRequest.of("cards", "批准时须发放助餐卡（cards）或纸质二维码卡（printedQr）");
        }
        // the step first (the application's trigger lets its state change only along a recorded step), then the
        // register's changes it makes, then the state
        Map<String, Object> stepDetails = new LinkedHashMap<>();
        stepDetails.put("on", today.toString());
        stepDetails.put("facts", approval.facts().stream().map(f -> f.kind().name()).toList());
        stepDetails.put("cards", approval.cards().size());
        stepDetails.put("printedQr", approval.printedQr());
        stepDetails.put("policyVersion", decision.policyVersion());
        stepDetails.put("routes", decision.routes().stream().map(r -> r.route().name()).toList());
        recordEvent(application, State.UNDER_REVIEW, State.APPROVED, null, stepDetails);
        long seniorId;
        if (existing.isEmpty()) {
            List<Fact> facts = new ArrayList<>(approval.facts());
            facts.add(Fact.enrolment(EnrolmentState.APPROVED, Period.from(today)));
            seniorId = register.enrolSenior(new NewSenior(application.parsedIdNumber(), application.name,
                    application.phone, application.district, application.subdistrict, facts, List.of())).id();
        } else {
            seniorId = existing.get().id;
            for (Fact fact : approval.facts()) {
                register.addFact(seniorId, fact);
            }
            if (!SeniorEligibility.approvedOn(register.findSenior(seniorId).toFacts(), today)) {
                register.changeEnrolment(seniorId, EnrolmentState.APPROVED, today);
            }
        }
        List<CardView> issued = new ArrayList<>();
        for (NewSenior.NewCard card : approval.cards()) {
            issued.add(register.issueCard(seniorId, card));
        }
        QrCodes.IssuedCode printed = approval.printedQr() ? qr.issuePrintedCode(seniorId) : null;
        application.seniorId = seniorId;
        application.decidedOn = today;
        application.decidedBy = audit.currentActor().name();
        application.state = State.APPROVED;
        em.flush();
        audit.record(AuditAction.APPLICATION_APPROVED, Subject.of("application", id), null, Map.of(
                "senior", seniorId, "on", today.toString(), "route", application.route.name(),
                "cards", issued.size(), "printedQr", approval.printedQr()));
        return new Approved(view(application, false), register.senior(seniorId, false, null), issued, printed, decision);
    }

    /** Submitted or under review → refused, with a reason in Chinese (required). */
    @Transactional
    public ApplicationView refuse(long id, String reason) {
        EnrolmentApplication application = find(id);
        String why = requireReason(reason);
        if (application.state == State.REFUSED) {
            return view(application, false);
        }
        if (!application.state.isOpen()) {
            throw conflict(application, "不予批准");
        }
        application.decidedOn = register.today();
        application.decidedBy = audit.currentActor().name();
        application.refusalReason = why;
        move(application, State.REFUSED, why, Map.of("on", application.decidedOn.toString()));
        audit.record(AuditAction.APPLICATION_REFUSED, Subject.of("application", id), why, Map.of());
        return view(application, false);
    }

    /**
     * Withdrawn on the senior's request: before the decision it simply ends; after approval the enrolment ends from
     * {@code from} (today when absent, not before the approval date) and the senior is no longer subsidised.
     */
    @Transactional
    public ApplicationView withdraw(long id, String reason, Optional<LocalDate> from) {
        EnrolmentApplication application = find(id);
        String why = reason == null || reason.isBlank() ? null : limit(reason.strip());
        if (application.state == State.WITHDRAWN) {
            return view(application, false);
        }
        if (application.state.isOpen()) {
            if (from.isPresent()) {
                throw InvalidRequest.of("from", "尚未批准的申请撤回时不填写 from（无登记可结束）");
            }
            move(application, State.WITHDRAWN, why, Map.of());
            audit.record(AuditAction.APPLICATION_WITHDRAWN, Subject.of("application", id), why, Map.of());
            return view(application, false);
        }
        if (application.state != State.APPROVED) {
            throw conflict(application, "撤回");
        }
        LocalDate on = from.orElseGet(register::today);
        if (on.isBefore(application.decidedOn)) {
            throw InvalidRequest.of("from", "退出日期不能早于批准日期 " + application.decidedOn);
        }
        application.withdrawnFrom = on;
        move(application, State.WITHDRAWN, why, Map.of("from", on.toString()));
        register.changeEnrolment(application.seniorId, EnrolmentState.WITHDRAWN, on);
        audit.record(AuditAction.APPLICATION_WITHDRAWN, Subject.of("application", id), why, Map.of(
                "senior", application.seniorId, "from", on.toString()));
        return view(application, false);
    }

    // --- helpers ---

    /** The application, if the caller's scope covers it; otherwise as if there were none. */
    private EnrolmentApplication find(long id) {
        Map<String, Object> params = new LinkedHashMap<>();
        TypedQuery<EnrolmentApplication> query = em.createQuery("select a from EnrolmentApplication a where a.id = :id"
                + scopes.current().condition("a", params), EnrolmentApplication.class).setParameter("id", id);
        params.forEach(query::setParameter);
        return query.getResultStream().findFirst()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_APPLICATION, "未找到该申请"));
    }

    /** The register's entry for the applicant, if any; one in another 街镇 than the application's is refused. */
    private Optional<Senior> registeredSenior(EnrolmentApplication application) {
        Senior senior = application.seniorId != null ? Senior.findById(application.seniorId)
                : Senior.<Senior>find("idNumber", application.idNumber).firstResult();
        if (senior == null) {
            return Optional.empty();
        }
        if (!senior.district.equals(application.district) || !senior.subdistrict.equals(application.subdistrict)) {
            throw new ApiException(ErrorCodes.SENIOR_OF_ANOTHER_SUBDISTRICT,
                    "该老人已在其他街镇登记，请由区民政管理员核实后办理");
        }
        return Optional.of(register.findSenior(senior.id));
    }

    /**
     * The senior's facts as they would be after approval on {@code date}: the register's (an open enrolment ending
     * that day, as a change of enrolment does), the proposed ones, and the enrolment approved from that date.
     */
    private static SeniorFacts prospectiveFacts(EnrolmentApplication application, Optional<Senior> senior,
                                                List<Fact> proposed, LocalDate date) {
        List<Fact> facts = new ArrayList<>();
        boolean approved = false;
        for (SeniorFact row : senior.map(s -> s.facts).orElse(List.of())) {
            Fact fact = row.toFact();
            if (fact.kind() == FactKind.ENROLMENT && fact.holdsOn(date)
                    && EnrolmentState.APPROVED.name().equals(fact.value())) {
                approved = true;
            } else if (fact.kind() == FactKind.ENROLMENT && fact.period().isOpenEnded()
                    && fact.period().from().isBefore(date)) {
                fact = new Fact(fact.kind(), fact.value(), Period.between(fact.period().from(), date));
            }
            facts.add(fact);
        }
        facts.addAll(proposed);
        if (!approved) {
            facts.add(Fact.enrolment(EnrolmentState.APPROVED, Period.from(date)));
        }
        try {
            return SeniorFacts.of(application.parsedIdNumber(), facts);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCodes.CONTRADICTORY_FACTS,
                    "记录相互矛盾：同一类状态在同一天只能有一个（如登记状态、失能等级）", Map.of("reason", e.getMessage()));
        }
    }

    /** Issues the printed QR card through the QR service, attributing and auditing a card it issued now. */

    private void move(EnrolmentApplication application, State to, String reason, Map<String, ?> details) {
        recordEvent(application, application.state, to, reason, details);
        application.state = to;
        em.flush();
    }

    private void recordEvent(EnrolmentApplication application, State from, State to, String reason,
                             Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("application step details not serialisable", e);
        }
        em.createNativeQuery("""
                        insert into application_event (application_id, at, actor, from_state, to_state, reason, details)
                        values (?1, ?2, ?3, cast(?4 as text), ?5, cast(?6 as text), cast(?7 as jsonb))""")
                .setParameter(1, application.id)
                .setParameter(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .setParameter(3, audit.currentActor().name())
                .setParameter(4, from == null ? null : from.name())
                .setParameter(5, to.name())
                .setParameter(6, reason)
                .setParameter(7, detailsJson)
                .executeUpdate();
    }

    private static void requireState(EnrolmentApplication application, State required, String step) {
        if (application.state != required) {
            throw conflict(application, step);
        }
    }

    private static ApiException conflict(EnrolmentApplication application, String step) {
        return new ApiException(ErrorCodes.APPLICATION_STATE_CONFLICT,
                "申请当前为“" + application.state.labelZh() + "”，不能" + step,
                Map.of("state", application.state.name()));
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ApiException(ErrorCodes.REASON_REQUIRED, "不予批准须说明理由（reason）");
        }
        String why = limit(reason.strip());
        if (!HAN.matcher(why).matches()) {
            throw InvalidRequest.of("reason", "理由须用中文说明，以便告知申请人");
        }
        return why;
    }

    private static String limit(String reason) {
        if (reason.codePointCount(0, reason.length()) > MAX_REASON
                || reason.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw InvalidRequest.of("reason", "理由最多" + MAX_REASON + "个字，且不含控制字符");
        }
        return reason;
    }

    private static Map<String, Object> reasonMap(ReasonView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        if (r.route() != null) {
            m.put("route", r.route().name());
        }
        m.put("labelZh", r.labelZh());
        return m;
    }

    private ApplicationView view(EnrolmentApplication a, boolean personalData) {
        IdNumber id = a.parsedIdNumber();
        List<EventView> events = em.createQuery("select e from ApplicationEvent e where e.applicationId = :id "
                        + "order by e.id", ApplicationEvent.class).setParameter("id", a.id).getResultStream()
                .map(e -> new EventView(e.at, e.actor, e.fromState, e.toState, e.toState.labelZh(), e.reason)).toList();
        return new ApplicationView(a.id, a.submissionId, personalData ? id.value() : id.masked(),
                personalData ? a.name : PersonName.masked(a.name), personalData ? a.phone : maskTail(a.phone),
                a.district, a.subdistrict, a.route, a.route.labelZh(), List.of(a.evidence), a.onBehalf, a.state,
                a.state.labelZh(), a.submittedAt, a.submittedBy, a.seniorId, a.decidedOn, a.decidedBy,
                a.refusalReason, a.withdrawnFrom, events);
    }

    private static String maskTail(String value) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(4, value.length() / 2);
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    /** Today in Asia/Shanghai (for callers that show it). */
    public LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }
}
