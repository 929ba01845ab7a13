package cn.laorenjia.settlement.register.entity;

import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.senior.IdNumber;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A senior's voluntary application for the meal subsidy (经自愿申请): who applied, the route claimed and the documents
 * seen, and where it stands. What was submitted never changes (a trigger refuses it); the state moves only along a
 * step recorded in {@link ApplicationEvent}.
 */
@Entity
@Table(name = "application")
public class EnrolmentApplication extends PanacheEntityBase {

    /** Where an application stands. Submitted → under review → approved or refused; withdrawn on request. */
    public enum State {
        SUBMITTED("已提交"),
        UNDER_REVIEW("审核中"),
        APPROVED("已批准"),
        REFUSED("不予批准"),
        WITHDRAWN("已撤回");

        private final String labelZh;

        State(String labelZh) {
            this.labelZh = labelZh;
        }

        public String labelZh() {
            return labelZh;
        }

        /** Still waiting for a decision. */
        public boolean isOpen() {
            return this == SUBMITTED || this == UNDER_REVIEW;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "submission_id", nullable = false, unique = true)
    public UUID submissionId;

    @Column(name = "id_number", nullable = false)
    public String idNumber;

    @Column(nullable = false)
    public String name;

    public String phone;

    @Column(nullable = false)
    public String district;

    @Column(nullable = false)
    public String subdistrict;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EligibilityRoute route;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] evidence;

    @Column(name = "on_behalf", nullable = false)
    public boolean onBehalf;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    /** The register's senior: when registered at submission, or entered on approval. */
    @Column(name = "senior_id")
    public Long seniorId;

    @Column(name = "decided_on")
    public LocalDate decidedOn;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "refusal_reason")
    public String refusalReason;

    /** After approval, the enrolment ends from this date. */
    @Column(name = "withdrawn_from")
    public LocalDate withdrawnFrom;

    public IdNumber parsedIdNumber() {
        return IdNumber.parse(idNumber);
    }
}
