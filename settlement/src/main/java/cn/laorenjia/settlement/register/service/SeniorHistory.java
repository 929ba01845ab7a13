package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.senior.DisabilityLevel;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.LowIncomeStatus;
import cn.laorenjia.core.senior.VisitingCareCategory;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.register.entity.EnrolmentApplication;
import cn.laorenjia.settlement.register.entity.Senior;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A senior's history: every step dated, attributed and told in Chinese — applications and their decisions (from
 * {@code application_event}), entry into the register, facts added and ended, enrolment changes, cards issued and
 * revoked (from the audit). Reads of personal data are in the audit, not here: they are not steps of the senior's case.
 */
@ApplicationScoped
public class SeniorHistory {

    /** The audit actions that are steps of a senior's case. */
    static final List<String> STEPS = List.of(AuditAction.SENIOR_ENROLLED, AuditAction.FACT_ADDED,
            AuditAction.FACT_ENDED, AuditAction.ENROLMENT_CHANGED, AuditAction.CARD_ISSUED, AuditAction.CARD_REVOKED);

    @Schema(name = "HistoryStep", description = "老人档案中的一步：何时、何人、做了什么")
    public record Step(
            @Schema(description = "when it was recorded") Instant at,
            @Schema(description = "who: a username, or system") String actor,
            @Schema(description = "APPLICATION_SUBMITTED, APPLICATION_UNDER_REVIEW, APPLICATION_APPROVED, "
                    + "APPLICATION_REFUSED, APPLICATION_WITHDRAWN, or the audit action (SENIOR_ENROLLED, FACT_ADDED, "
                    + "FACT_ENDED, ENROLMENT_CHANGED, CARD_ISSUED, CARD_REVOKED)") String kind,
            @Schema(description = "the step in Chinese, e.g. 增加记录：入住养老机构，自2026-11-20起") String textZh,
            @Schema(description = "the date from which it takes effect, when it has one") LocalDate effectiveOn,
            Long applicationId, String reason, JsonNode details) {
    }

    public record History(long seniorId, List<Step> steps) {
    }

    private final EntityManager em;
    private final RegisterService register;
    private final ObjectMapper json;

    public SeniorHistory(EntityManager em, RegisterService register, ObjectMapper json) {
        this.em = em;
        this.register = register;
        this.json = json;
    }

    /** The senior's steps, oldest first (within the caller's scope: otherwise UNKNOWN_SENIOR). */
    @Transactional
    public History of(long seniorId) {
        Senior senior = register.findSenior(seniorId);
        List<Step> steps = new ArrayList<>();
        // an application's step comes before the register changes it made in the same moment (it is written first)
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("""
                        select e.at, e.actor, e.from_state, e.to_state, e.reason, cast(e.details as text),
                               e.application_id, a.route, e.id
                        from application_event e join application a on a.id = e.application_id
                        where a.senior_id = ?1 or a.id_number = ?2
                        order by e.at, e.id""")
                .setParameter(1, seniorId).setParameter(2, senior.idNumber).getResultList();
        for (Object[] r : events) {
            EnrolmentApplication.State to = EnrolmentApplication.State.valueOf((String) r[3]);
            JsonNode details = parse((String) r[5]);
            steps.add(new Step(instant(r[0]), (String) r[1], "APPLICATION_" + to.name(),
                    applicationText(to, r[2] == null ? null : EnrolmentApplication.State.valueOf((String) r[2]),
                            (String) r[7], (String) r[4], details),
                    date(details, to == EnrolmentApplication.State.WITHDRAWN ? "from" : "on"),
                    ((Number) r[6]).longValue(), (String) r[4], details));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> audit = em.createNativeQuery("""
                        select at, actor, action, reason, cast(details as text), id from audit_event
                        where subject_kind = 'senior' and subject_id = ?1 and action in (?2)
                        order by at, id""")
                .setParameter(1, Long.toString(seniorId)).setParameter(2, STEPS).getResultList();
        for (Object[] r : audit) {
            JsonNode details = parse((String) r[4]);
            String action = (String) r[2];
            steps.add(new Step(instant(r[0]), (String) r[1], action, auditText(action, details),
                    auditDate(action, details), null, (String) r[3], details));
        }
        // stable: within one moment, each source keeps its own order
        steps.sort(Comparator.comparing(Step::at));
        return new History(seniorId, steps);
    }

    private static String applicationText(EnrolmentApplication.State to, EnrolmentApplication.State from, String route,
                                          String reason, JsonNode details) {
        String routeZh = cn.laorenjia.core.policy.EligibilityRoute.valueOf(route).labelZh();
        return switch (to) {
            case SUBMITTED -> "提交助餐申请（申请途径：" + routeZh + "）";
            case UNDER_REVIEW -> "开始审核助餐申请";
            case APPROVED -> "批准助餐申请，自" + text(details, "on") + "起享受助餐补贴";
            case REFUSED -> "不予批准助餐申请，理由：" + reason;
            case WITHDRAWN -> from == EnrolmentApplication.State.APPROVED
                    ? "应本人申请退出助餐服务，自" + text(details, "from") + "起不再享受补贴"
                    : "应本人申请撤回助餐申请";
        };
    }

    private static String auditText(String action, JsonNode d) {
        return switch (action) {
            case AuditAction.SENIOR_ENROLLED -> "登记入册";
            case AuditAction.FACT_ADDED -> "增加记录：" + factText(d) + "，自" + text(d, "from") + "起"
                    + (d.hasNonNull("to") ? "，至" + lastDay(d) + "止（含）" : "");
            case AuditAction.FACT_ENDED -> "结束记录：" + factText(d) + "，最后一天为" + lastDay(d);
            case AuditAction.ENROLMENT_CHANGED -> "助餐登记状态变更为" + enumLabel(FactKind.ENROLMENT, text(d, "state"))
                    + "，自" + text(d, "from") + "起";
            case AuditAction.CARD_ISSUED -> "发卡：" + cardKind(text(d, "kind")) + "（" + text(d, "identifier") + "），自"
                    + text(d, "issuedOn") + "起有效";
            case AuditAction.CARD_REVOKED -> ("LOST".equals(text(d, "status")) ? "挂失" : "注销") + "卡："
                    + cardKind(text(d, "kind")) + "，自" + text(d, "on") + "起";
            default -> action;
        };
    }

    private static LocalDate auditDate(String action, JsonNode d) {
        return switch (action) {
            case AuditAction.FACT_ADDED, AuditAction.ENROLMENT_CHANGED -> date(d, "from");
            case AuditAction.FACT_ENDED -> date(d, "to");
            case AuditAction.CARD_ISSUED -> date(d, "issuedOn");
            case AuditAction.CARD_REVOKED -> date(d, "on");
            default -> null;
        };
    }

    private static String factText(JsonNode d) {
        FactKind kind = FactKind.valueOf(text(d, "kind"));
        String value = d.hasNonNull("value") ? enumLabel(kind, text(d, "value")) : null;
        return kind.labelZh() + (value == null ? "" : "（" + value + "）");
    }

    /** The Chinese name of a fact's value, where it has one; the value itself otherwise (a disability grade). */
    private static String enumLabel(FactKind kind, String value) {
        try {
            return switch (kind) {
                case ENROLMENT -> EnrolmentState.valueOf(value).labelZh();
                case LOW_INCOME_STATUS -> LowIncomeStatus.valueOf(value).labelZh();
                case DISABILITY_LEVEL -> DisabilityLevel.valueOf(value).labelZh();
                case VISITING_CARE_CATEGORY -> VisitingCareCategory.valueOf(value).labelZh();
                case HARDSHIP_DISABILITY_ALLOWANCE -> "残疾等级" + value + "级";
                default -> value;
            };
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String cardKind(String kind) {
        return switch (kind) {
            case "UID" -> "IC卡";
            case "SOCIAL_SECURITY" -> "社保卡";
            case "PRINTED_QR" -> "纸质二维码卡";
            default -> kind;
        };
    }

    /** The stored {@code to} is exclusive: people are shown the last day on which the fact held. */
    private static String lastDay(JsonNode d) {
        LocalDate to = date(d, "to");
        return to == null ? "" : to.minusDays(1).toString();
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : "";
    }

    private static LocalDate date(JsonNode d, String field) {
        return d.hasNonNull(field) ? LocalDate.parse(d.get(field).asText()) : null;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history details are not JSON", e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
