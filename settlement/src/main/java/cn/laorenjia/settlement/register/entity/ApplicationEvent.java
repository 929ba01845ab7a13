package cn.laorenjia.settlement.register.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One step of an application: who moved it from which state to which, when and why. Append-only: written by
 * {@code EnrolmentApplications} with a native insert (with its {@code details}, JSON), only read here.
 */
@Entity
@Table(name = "application_event")
@org.hibernate.annotations.Immutable
public class ApplicationEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false, updatable = false)
    public Long applicationId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    /** Null for the submission. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    public EnrolmentApplication.State fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, updatable = false)
    public EnrolmentApplication.State toState;

    @Column(updatable = false)
    public String reason;
}
