package cn.laorenjia.settlement.security;

import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.service.Subdistricts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded user store: people, their roles and bcrypt password hashes. */
@ApplicationScoped
public class PeopleService {

    private final EntityManager em;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final CanteenDirectory canteens;
    private final AuditLog audit;
    private final Subdistricts subdistricts;

    public PeopleService(EntityManager em, Clock clock, PasswordHasher hasher, CanteenDirectory canteens,
                         AuditLog audit, Subdistricts subdistricts) {
        this.subdistricts = subdistricts;
        this.em = em;
        this.clock = clock;
        this.hasher = hasher;
        this.canteens = canteens;
        this.audit = audit;
    }

    @Transactional
    public IssuedPassword create(NewPerson command) {
        if (Person.count("username", command.username()) > 0) {
            throw new ApiException(ErrorCodes.DUPLICATE_USERNAME, "用户名已存在");
        }
        if (command.subdistrict() != null) {
            // an area is a 街镇 of the list, as every senior's is, or a 区 that has some
            subdistricts.requireKnown(command.district(), command.subdistrict());
        } else if (command.district() != null && subdistricts.activeNames(command.district()).isEmpty()) {
            throw InvalidRequest.of("district", "该区没有登记任何街镇，请先由管理员添加街镇名单");
        }
        Person person = new Person();
        person.username = command.username();
        person.displayName = command.displayName().strip();
        person.roles = command.roles().toArray(String[]::new);
        person.district = command.district();
        person.subdistrict = command.subdistrict();
        if (command.canteenCode() != null && !command.canteenCode().isBlank()) {
            person.canteenId = canteens.idOf(command.canteenCode())
                    .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_CANTEEN, "未找到该食堂"));
        }
        String generated = command.password() == null ? hasher.randomPassword() : null;
        person.passwordHash = hasher.hash(generated != null ? generated : command.password());
        person.createdAt = clock.instant();
        person.persist();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", command.roles());
        if (command.canteenCode() != null && !command.canteenCode().isBlank()) {
            details.put("canteen", command.canteenCode());
        }
        if (command.district() != null) {
            details.put("district", command.district());
        }
        if (command.subdistrict() != null) {
            details.put("subdistrict", command.subdistrict());
        }
        audit.record(AuditAction.PERSON_CREATED, Subject.of("person", person.username), null, details);
        return new IssuedPassword(view(person), generated);
    }

    @Transactional
    public List<PersonView> list() {
        return Person.<Person>list("order by username").stream().map(this::view).toList();
    }

    /** Replaces a person's password with a generated one, shown once. */
    @Transactional
    public IssuedPassword resetPassword(String username) {
        Person person = find(username);
        String generated = hasher.randomPassword();
        person.passwordHash = hasher.hash(generated);
        audit.record(AuditAction.PERSON_PASSWORD_RESET, Subject.of("person", username), null, Map.of());
        return new IssuedPassword(view(person), generated);
    }

    @Transactional
    public PersonView setActive(String username, boolean active) {
        Person person = find(username);
        boolean before = person.active;
        person.active = active;
        audit.record(active ? AuditAction.PERSON_ACTIVATED : AuditAction.PERSON_DEACTIVATED,
                Subject.of("person", username), null, Map.of("wasActive", before));
        return view(person);
    }

    private PersonView view(Person person) {
        return PersonView.of(person, person.canteenId == null ? null
                : canteens.codeOf(person.canteenId).orElse(null));
    }

    /**
     * Creates the first administrator when the user store is empty. A transaction-scoped advisory lock
     * makes several instances starting at once create it only once.
     *
     * @return the password to show once, when one was generated; empty when nothing was created or the
     *         password came from configuration
     */
    @Transactional
    public Optional<IssuedPassword> createFirstAdministratorIfEmpty(String username, Optional<String> password) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.security.first-admin'))").getSingleResult();
        if (Person.count() > 0) {
            return Optional.empty();
        }
        return Optional.of(create(new NewPerson(username, "系统管理员", password.orElse(null),
                List.of(Roles.ADMINISTRATOR), null)));
    }

    /** Creates or updates a development/test account so that its configured password always works. */
    @Transactional
    public void ensureDevUser(String username, SecurityConfig.DevUser user) {
        Person person = Person.<Person>find("username", username).firstResult();
        if (person == null) {
            create(new NewPerson(username, user.displayName().orElse(username), user.password(), user.roles(),
                    user.canteen().orElse(null), user.district().orElse(null), user.subdistrict().orElse(null)));
        } else if (!hasher.matches(user.password(), person.passwordHash)) {
            person.passwordHash = hasher.hash(user.password());
        }
    }

    private Person find(String username) {
        return Person.<Person>find("username", username).firstResultOptional()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_PERSON, "未找到该用户"));
    }
}
