package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.senior.EnrolmentState;
import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.core.senior.FactKind;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.InvalidIdNumberException;
import cn.laorenjia.core.senior.Period;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.SeniorFacts;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Canteen;
import cn.laorenjia.settlement.register.entity.Card;
import cn.laorenjia.settlement.register.entity.MealSet;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.register.entity.SeniorFact;
import cn.laorenjia.settlement.register.entity.Terminal;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenRegistered;
import cn.laorenjia.settlement.register.service.RegisterViews.CanteenView;
import cn.laorenjia.settlement.register.service.RegisterViews.CardView;
import cn.laorenjia.settlement.register.service.RegisterViews.FactView;
import cn.laorenjia.settlement.register.service.RegisterViews.MealSetView;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorListItem;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorPage;
import cn.laorenjia.settlement.register.service.RegisterViews.SeniorView;
import cn.laorenjia.settlement.register.service.RegisterViews.TerminalRegistered;
import cn.laorenjia.settlement.register.service.RegisterViews.TerminalView;
import cn.laorenjia.settlement.security.IssuedTerminalSecret;
import cn.laorenjia.settlement.security.TerminalCredential;
import cn.laorenjia.settlement.security.TerminalCredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps the register: canteens with menus and terminals, seniors with their facts and cards. */
@ApplicationScoped
public class RegisterService {

    private static final Pattern MASKED_ID = Pattern.compile("(\\d{6})\\*{8}(\\d{3}[\\dX])");
    private static final Pattern ID_SUFFIX = Pattern.compile("\\d{3}[\\dX]");

    private final EntityManager em;
    private final Clock clock;
    private final TerminalCredentialService credentials;
    private final AuditLog audit;
    private final PolicyCatalog policies;
    private final AreaScopes scopes;
    private final Subdistricts subdistricts;
    private final StandardPrices standardPrices;

    public RegisterService(EntityManager em, Clock clock, TerminalCredentialService credentials, AuditLog audit,
                           PolicyCatalog policies, AreaScopes scopes, Subdistricts subdistricts,
                           StandardPrices standardPrices) {
        this.em = em;
        this.clock = clock;
        this.credentials = credentials;
        this.audit = audit;
        this.policies = policies;
        this.scopes = scopes;
        this.subdistricts = subdistricts;
        this.standardPrices = standardPrices;
    }

    @Transactional
    public Canteen registerCanteen(NewCanteen command) {
        Canteen canteen = new Canteen();
        canteen.code = command.code();
        canteen.name = command.name();
        canteen.jurisdiction = command.jurisdiction();
        canteen.district = command.district();
        canteen.subdistrict = command.subdistrict();
        canteen.address = command.address();
        canteen.standardSetPriceFen = command.standardSetPrice().fen();
        for (NewCanteen.MenuItem item : command.menu()) {
            MealSet set = new MealSet();
            set.canteen = canteen;
            set.code = item.code();
            set.name = item.name();
            set.slot = item.slot();
            set.priceFen = item.price().fen();
            canteen.menu.add(set);
        }
        for (NewCanteen.NewTerminal t : command.terminals()) {
            Terminal terminal = new Terminal();
            terminal.canteen = canteen;
            terminal.code = t.code();
            terminal.name = t.name();
            canteen.terminals.add(terminal);
        }
        em.persist(canteen);
        return canteen;
    }

    @Transactional
    public Senior registerSenior(NewSenior command) {
        IdNumber id = command.idNumber();
        Senior senior = new Senior();
        senior.idNumber = id.value();
        senior.name = command.name();
        senior.birthDate = id.birthDate();
        senior.male = id.isMale();
        senior.phone = command.phone();
        senior.district = command.district();
        senior.subdistrict = command.subdistrict();
        for (Fact fact : command.facts()) {
            senior.facts.add(SeniorFact.of(senior, fact));
        }
        for (NewSenior.NewCard c : command.cards()) {
            Card card = new Card();
            card.senior = senior;
            card.kind = c.kind();
            card.identifier = c.identifier();
            card.issuedOn = c.issuedOn();
            senior.cards.add(card);
        }
        em.persist(senior);
        return senior;
    }

    /**
     * Registers a whole register in one transaction, unless the register already holds canteens.
     * A transaction-scoped advisory lock makes concurrent first starts of several instances load it once.
     *
     * @return whether anything was loaded
     */
    @Transactional
    public boolean registerIfEmpty(List<NewCanteen> canteens, List<NewSenior> seniors) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('laorenjia.register.initial-load'))")
                .getSingleResult();
        if (Canteen.count() > 0) {
            return false;
        }
        int n = 0;
        for (NewCanteen c : canteens) {
            registerCanteen(c);
        }
        for (NewSenior s : seniors) {
            registerSenior(s);
            if (++n % 200 == 0) {
                // keep the persistence context small while loading thousands of seniors
                em.flush();
                em.clear();
            }
        }
        audit.record(AuditAction.REGISTER_LOADED, null, null, Map.of("canteens", canteens.size(), "seniors", seniors.size()));
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // The administrators' register API. Every method checks before it writes, and any refusal is an
    // ApiException (a RuntimeException), so the transaction rolls back and an error changes nothing.
    // ---------------------------------------------------------------------------------------------

    /** Registers a canteen with its menu and terminals, and issues each terminal its first secret. */
    @Transactional
    public CanteenRegistered registerCanteen(NewCanteen command, String issuedBy) {
        // a canteen's sales are decided by its jurisdiction's policy: one the catalogue does not know would fail each sale
        if (policies.findBook(command.jurisdiction()).isEmpty()) {
            throw InvalidRequest.of("jurisdiction", "请求内容无效：辖区 jurisdiction 须为政策目录中的一个："
                    + String.join("、", new java.util.TreeSet<>(policies.jurisdictions())));
        }
        subdistricts.requireKnown(command.district(), command.subdistrict());
        standardPrices.requireAllowed(command.jurisdiction(), command.standardSetPrice(), today());
        if (Canteen.count("code", command.code()) > 0) {
            throw duplicate(ErrorCodes.DUPLICATE_CANTEEN, "code", "食堂编码 code 已存在：" + command.code());
        }
        Set<String> setCodes = new HashSet<>();
        for (int i = 0; i < command.menu().size(); i++) {
            NewCanteen.MenuItem item = command.menu().get(i);
            if (!setCodes.add(item.code())) {
                throw duplicate(ErrorCodes.DUPLICATE_MEAL_SET, "menu[" + i + "].code",
                        "菜单中套餐编码 code 重复：" + item.code());
            }
        }
        Set<String> terminalCodes = new HashSet<>();
        for (int i = 0; i < command.terminals().size(); i++) {
            NewCanteen.NewTerminal t = command.terminals().get(i);
            if (!terminalCodes.add(t.code()) || Terminal.count("code", t.code()) > 0) {
                throw duplicate(ErrorCodes.DUPLICATE_TERMINAL, "terminals[" + i + "].code",
                        "终端编码 code 已存在：" + t.code());
            }
        }
        Canteen canteen = registerCanteen(command);
        em.flush(); // ids for the credentials
        List<IssuedTerminalSecret> secrets = new ArrayList<>();
        audit.record(AuditAction.CANTEEN_REGISTERED, Subject.of("canteen", canteen.code), null, Map.of(
                "name", canteen.name, "standardSetPriceFen", canteen.standardSetPriceFen,
                "terminals", canteen.terminals.stream().map(t -> t.code).toList()));
        audit.record(AuditAction.MENU_REGISTERED, Subject.of("canteen", canteen.code), null, Map.of(
                "menu", canteen.menu.stream().map(m -> Map.of("code", m.code, "slot", m.slot.name(),
                        "priceFen", m.priceFen)).toList()));
        for (Terminal terminal : canteen.terminals) {
            audit.record(AuditAction.TERMINAL_REGISTERED, Subject.of("terminal", terminal.code), null,
                    Map.of("canteen", canteen.code));
            secrets.add(credentials.issue(terminal.id, terminal.code, issuedBy));
        }
        return new CanteenRegistered(canteenView(canteen), secrets);
    }

    /** Canteens, optionally of one 街镇 or (for a canteen manager) only one canteen. */
    @Transactional
    public List<CanteenView> canteens(Optional<String> subdistrict, Optional<Long> onlyCanteenId) {
        StringBuilder jpql = new StringBuilder("select c from Canteen c where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        subdistrict.filter(s -> !s.isBlank()).ifPresent(s -> {
            jpql.append(" and c.subdistrict = :subdistrict");
            params.put("subdistrict", s.strip());
        });
        onlyCanteenId.ifPresent(id -> {
            jpql.append(" and c.id = :id");
            params.put("id", id);
        });
        TypedQuery<Canteen> query = em.createQuery(jpql.append(" order by c.code").toString(), Canteen.class);
        params.forEach(query::setParameter);
        List<Canteen> canteens = query.getResultList();
        Map<Long, Instant> issued = secretsIssued();
        return canteens.stream().map(c -> canteenView(c, issued)).toList();
    }

    @Transactional
    public CanteenView canteen(String code) {
        return canteenView(findCanteen(code));
    }

    /** Adds a terminal to a canteen and issues its first secret. */
    @Transactional
    public TerminalRegistered registerTerminal(String canteenCode, NewCanteen.NewTerminal command, String issuedBy) {
        Canteen canteen = findCanteen(canteenCode);
        if (Terminal.count("code", command.code()) > 0) {
            throw duplicate(ErrorCodes.DUPLICATE_TERMINAL, "code", "终端编码 code 已存在：" + command.code());
        }
        Terminal terminal = new Terminal();
        terminal.canteen = canteen;
        terminal.code = command.code();
        terminal.name = command.name();
        terminal.persist();
        em.flush();
        audit.record(AuditAction.TERMINAL_REGISTERED, Subject.of("terminal", terminal.code), null,
                Map.of("canteen", canteen.code));
        IssuedTerminalSecret secret = credentials.issue(terminal.id, terminal.code, issuedBy);
        return new TerminalRegistered(terminalView(terminal, secret.issuedAt()), secret);
    }

    @Transactional
    public List<TerminalView> terminals(Optional<String> canteenCode) {
        List<Terminal> terminals = canteenCode.filter(c -> !c.isBlank())
                .map(code -> Terminal.<Terminal>list("canteen", findCanteen(code)))
                .orElseGet(() -> Terminal.listAll());
        Map<Long, Instant> issued = secretsIssued();
        return terminals.stream().sorted((a, b) -> a.code.compareTo(b.code))
                .map(t -> terminalView(t, issued.get(t.id))).toList();
    }

    /** A deactivated terminal is refused at once on this instance (and within the cache time on others). */
    @Transactional
    public TerminalView setTerminalActive(String terminalCode, boolean active) {
        Terminal terminal = Terminal.<Terminal>find("code", terminalCode).firstResultOptional()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_TERMINAL, "未找到该终端"));
        boolean before = terminal.active;
        terminal.active = active;
        credentials.forgetAfterCompletion(terminalCode);
        audit.record(active ? AuditAction.TERMINAL_ACTIVATED : AuditAction.TERMINAL_DEACTIVATED,
                Subject.of("terminal", terminalCode), null, Map.of("wasActive", before));
        TerminalCredential credential = TerminalCredential.findById(terminal.id);
        return terminalView(terminal, credential == null ? null : credential.issuedAt);
    }

    /**
     * Adds a set to a canteen's menu, or changes the name, slot or price of the set it has under that code. A sale
     * whose terminal showed the old price is refused (AuthoriseMeal compares the expected price), never charged the new one.
     */
    @Transactional
    public CanteenView putMealSet(String canteenCode, NewCanteen.MenuItem item) {
        Canteen canteen = findCanteen(canteenCode);
        MealSet set = canteen.menu.stream().filter(m -> m.code.equals(item.code())).findFirst().orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", item.code());
        if (set == null) {
            set = new MealSet();
            set.canteen = canteen;
            set.code = item.code();
            details.put("added", true);
        } else {
            details.put("before", Map.of("name", set.name, "slot", set.slot.name(), "priceFen", set.priceFen));
        }
        set.name = item.name();
        set.slot = item.slot();
        set.priceFen = item.price().fen();
        if (set.id == null) {
            set.persist();
            canteen.menu.add(set);
        }
        details.put("after", Map.of("name", set.name, "slot", set.slot.name(), "priceFen", set.priceFen));
        audit.record(AuditAction.MEAL_SET_CHANGED, Subject.of("canteen", canteen.code), null, details);
        return canteenView(canteen);
    }

    /** Sets (or clears) what the public page says of the canteen: opening hours and telephone; audited. */
    @Transactional
    public CanteenView setPublicContact(String canteenCode, PublicContact contact) {
        Canteen canteen = findCanteen(canteenCode);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", contactMap(canteen.openingHours, canteen.publicPhone));
        canteen.openingHours = contact.openingHours();
        canteen.publicPhone = contact.publicPhone();
        details.put("after", contactMap(canteen.openingHours, canteen.publicPhone));
        audit.record(AuditAction.CANTEEN_PUBLIC_CONTACT_CHANGED, Subject.of("canteen", canteen.code), null, details);
        return canteenView(canteen);
    }

    private static Map<String, Object> contactMap(String openingHours, String publicPhone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openingHours", openingHours);
        m.put("publicPhone", publicPhone);
        return m;
    }

    /** Takes a set off the menu (no sale may choose it) or puts it back; audited. */
    @Transactional
    public CanteenView setMealSetActive(String canteenCode, String setCode, boolean active) {
        Canteen canteen = findCanteen(canteenCode);
        MealSet set = canteen.menu.stream().filter(m -> m.code.equals(setCode)).findFirst()
                .orElseThrow(() -> cn.laorenjia.settlement.ledger.service.LedgerError.UNKNOWN_MEAL_SET
                        .exception("该食堂的菜单中没有这个套餐"));
        boolean before = set.active;
        set.active = active;
        audit.record(AuditAction.MEAL_SET_CHANGED, Subject.of("canteen", canteen.code), null,
                Map.of("code", set.code, "active", active, "wasActive", before));
        return canteenView(canteen);
    }

    /** Enters a senior with facts and cards, after checking for duplicates and contradictory facts. */
    @Transactional
    public SeniorView enrolSenior(NewSenior command) {
        requireInScope(scopes.current(), command.district(), command.subdistrict());
        requireNewSeniorRules(command.idNumber(), command.district(), command.subdistrict());
        if (Senior.count("idNumber", command.idNumber().value()) > 0) {
            throw duplicate(ErrorCodes.DUPLICATE_ID_NUMBER, "idNumber", "身份证号码 idNumber 已登记");
        }
        requireConsistent(command.idNumber(), command.facts());
        Set<String> cards = new HashSet<>();
        for (int i = 0; i < command.cards().size(); i++) {
            NewSenior.NewCard card = command.cards().get(i);
            String field = "cards[" + i + "].identifier";
            if (!cards.add(card.kind() + ":" + card.identifier())) {
                throw duplicate(ErrorCodes.DUPLICATE_CARD, field, "同一张卡重复提交：卡号 " + field);
            }
            requireCardUnused(card.kind(), card.identifier(), field);
        }
        Senior senior = registerSenior(command);
        String actor = audit.currentActor().name();
        senior.facts.forEach(f -> f.recordedBy = actor);
        senior.cards.forEach(c -> c.recordedBy = actor);
        em.flush();
        audit.record(AuditAction.SENIOR_ENROLLED, Subject.of("senior", senior.id), null, Map.of(
                "idNumber", command.idNumber().masked(), "facts", command.facts().size(),
                "cards", command.cards().size()));
        return seniorView(senior, true);
    }

    /**
     * Searches seniors; the list shows ID numbers and names masked unless {@code personalData}, which the caller
     * asked for with a reason (recorded in the audit with the seniors shown). A search by a full ID number is
     * audited too. Who may do either is the REST edge's decision (administrators only).
     */
    @Transactional
    public SeniorPage searchSeniors(SeniorQuery query, boolean personalData, String reason) {
        StringBuilder where = new StringBuilder(" from Senior s where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        where.append(scopes.current().condition("s", params));
        if (query.district() != null) {
            where.append(" and s.district = :district");
            params.put("district", query.district());
        }
        if (query.subdistrict() != null) {
            where.append(" and s.subdistrict = :subdistrict");
            params.put("subdistrict", query.subdistrict());
        }
        if (query.text() != null) {
            appendTextCondition(query.text(), where, params);
        }
        TypedQuery<Long> count = em.createQuery("select count(s)" + where, Long.class);
        TypedQuery<Senior> page = em.createQuery("select s" + where + " order by s.id", Senior.class)
                .setFirstResult(query.offset()).setMaxResults(query.limit());
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            page.setParameter(k, v);
        });
        List<Senior> seniors = page.getResultList();
        LocalDate today = today();
        Map<Long, List<Fact>> facts = factsOf(seniors.stream().map(s -> s.id).toList());
        List<SeniorListItem> items = seniors.stream().map(s -> {
            SeniorFacts sf = SeniorFacts.of(s.parsedIdNumber(), facts.getOrDefault(s.id, List.of()));
            return new SeniorListItem(s.id, personalData ? s.idNumber : s.parsedIdNumber().masked(),
                    personalData ? s.name : PersonName.masked(s.name), s.male, sf.ageOn(today), s.district,
                    s.subdistrict, sf.enrolmentOn(today).map(Enum::name).orElse(null), sf.isDeceasedOn(today));
        }).toList();
        if (query.byFullIdNumber()) {
            audit.record(AuditAction.SENIOR_SEARCH_BY_ID_NUMBER,
                    seniors.size() == 1 ? Subject.of("senior", seniors.get(0).id) : null, reason,
                    Map.of("idNumber", IdNumber.parse(query.text().toUpperCase(java.util.Locale.ROOT)).masked(),
                            "found", seniors.size()));
        }
        if (query.byPhone()) {
            audit.record(AuditAction.SENIOR_SEARCH_BY_PHONE,
                    seniors.size() == 1 ? Subject.of("senior", seniors.get(0).id) : null, reason,
                    Map.of("phone", maskTail(query.text()), "found", seniors.size()));
        }
        if (personalData && !seniors.isEmpty()) {
            audit.record(AuditAction.SENIOR_SEARCH_UNMASKED, null, reason,
                    Map.of("seniors", seniors.stream().map(s -> s.id).toList(), "query", query.describeMasked()));
        }
        return new SeniorPage(count.getSingleResult(), query.offset(), query.limit(), items);
    }

    /** One senior; in full ({@code personalData}) only with a reason, recorded in the audit. */
    @Transactional
    public SeniorView senior(long seniorId, boolean personalData, String reason) {
        Senior senior = findSenior(seniorId);
        if (personalData) {
            audit.record(AuditAction.SENIOR_READ_UNMASKED, Subject.of("senior", seniorId), reason,
                    Map.of("idNumber", senior.parsedIdNumber().masked()));
        }
        return seniorView(senior, personalData);
    }

    /** Records one more dated fact (e.g. DEATH from a date); refused if it contradicts the others. */
    @Transactional
    public SeniorView addFact(long seniorId, Fact fact) {
        Senior senior = findSenior(seniorId);
        List<Fact> all = new ArrayList<>(senior.facts.stream().map(SeniorFact::toFact).toList());
        all.add(fact);
        requireConsistent(senior.parsedIdNumber(), all);
        SeniorFact row = SeniorFact.of(senior, fact);
        row.recordedBy = audit.currentActor().name();
        row.persist();
        senior.facts.add(row);
        em.flush();
        audit.record(AuditAction.FACT_ADDED, Subject.of("senior", seniorId), null, factDetails(row));
        return seniorView(senior, false);
    }

    /**
     * Ends an open-ended fact: from {@code endOn} (exclusive end) it no longer holds. Ending it on its first day
     * means it never held: a same-day correction, the row kept and marked corrected (audited), never deleted.
     */
    @Transactional
    public SeniorView endFact(long seniorId, long factId, LocalDate endOn) {
        Senior senior = findSenior(seniorId);
        SeniorFact row = senior.facts.stream().filter(f -> f.id == factId).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_FACT, "未找到该条记录"));
        if (row.validTo != null) {
            throw new ApiException(ErrorCodes.FACT_ALREADY_ENDED, "该记录已有截止日期");
        }
        if (endOn.equals(row.validFrom)) {
            correct(senior, row, "ended on its first day");
            em.flush();
            return seniorView(senior, false);
        }
        // the core's rules: the end must follow the start; a death cannot end (endOn is the request's)
        InvalidRequest.converting(() -> new Fact(row.kind, row.value, Period.between(row.validFrom, endOn)));
        row.validTo = endOn;
        row.endedBy = audit.currentActor().name();
        audit.record(AuditAction.FACT_ENDED, Subject.of("senior", seniorId), null, factDetails(row));
        return seniorView(senior, false);
    }

    /**
     * Changes the enrolment state from a date (e.g. SUSPENDED on entering an institution, APPROVED
     * again later): the state holding until then ends that day, the new one holds from it.
     */
    @Transactional
    public SeniorView changeEnrolment(long seniorId, EnrolmentState state, LocalDate from) {
        Senior senior = findSenior(seniorId);
        String actor = audit.currentActor().name();
        for (SeniorFact f : List.copyOf(senior.facts)) {
            if (f.kind == FactKind.ENROLMENT && f.validTo == null && f.validFrom.isBefore(from)) {
                f.validTo = from;
                f.endedBy = actor;
            } else if (f.kind == FactKind.ENROLMENT && f.validTo == null && f.validFrom.equals(from)) {
                // the state recorded from the same day was a mistake (approved today, withdrawn today): it never held
                correct(senior, f, "superseded by " + state.name() + " from the same day");
            }
        }
        audit.record(AuditAction.ENROLMENT_CHANGED, Subject.of("senior", seniorId), null,
                Map.of("state", state.name(), "from", from.toString()));
        return addFact(seniorId, Fact.enrolment(state, Period.from(from)));
    }

    @Transactional
    public CardView issueCard(long seniorId, NewSenior.NewCard command) {
        Senior senior = findSenior(seniorId);
        requireCardUnused(command.kind(), command.identifier(), "identifier");
        Card card = new Card();
        card.senior = senior;
        card.kind = command.kind();
        card.identifier = command.identifier();
        card.issuedOn = command.issuedOn();
        card.recordedBy = audit.currentActor().name();
        card.persist();
        senior.cards.add(card);
        em.flush();
        audit.record(AuditAction.CARD_ISSUED, Subject.of("senior", seniorId), null, Map.of("card", card.id,
                "kind", card.kind.name(), "identifier", maskTail(card.identifier), "issuedOn", card.issuedOn.toString()));
        return cardView(card, false);
    }

    /** Marks a card LOST or REVOKED from a date; it no longer identifies the senior at a counter. */
    @Transactional
    public CardView revokeCard(long seniorId, long cardId, Card.Status status, Optional<LocalDate> on) {
        if (status == Card.Status.ACTIVE) {
            throw new InvalidRequest("注销状态须为 LOST 或 REVOKED");
        }
        findSenior(seniorId); // the caller's scope
        Card card = Card.<Card>find("id = ?1 and senior.id = ?2", cardId, seniorId).firstResultOptional()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_CARD, "未找到该卡"));
        if (card.status != Card.Status.ACTIVE) {
            throw new ApiException(ErrorCodes.CARD_NOT_ACTIVE, "该卡已挂失或注销");
        }
        LocalDate date = on.orElseGet(this::today);
        if (date.isBefore(card.issuedOn)) {
            throw new InvalidRequest("注销日期不能早于发卡日期");
        }
        card.status = status;
        card.revokedOn = date;
        card.revokedBy = audit.currentActor().name();
        audit.record(AuditAction.CARD_REVOKED, Subject.of("senior", seniorId), null, Map.of("card", card.id,
                "kind", card.kind.name(), "status", status.name(), "on", date.toString()));
        return cardView(card, false);
    }

    /** Today in Asia/Shanghai, from the injected clock. */
    /**
     * The register's rules for anyone entering it, whatever the path (the API, an application): born by today, and
     * living in a 街镇 on the district's list.
     */
    public void requireNewSeniorRules(IdNumber idNumber, String district, String subdistrict) {
        idNumber.requireBornBy(today());
        subdistricts.requireKnown(district, subdistrict);
    }

    public LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    // --- helpers ---

    private static void appendTextCondition(String text, StringBuilder where, Map<String, Object> params) {
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        Matcher masked = MASKED_ID.matcher(upper);
        if (upper.length() == 18 && isIdNumber(upper)) {
            where.append(" and s.idNumber = :id");
            params.put("id", IdNumber.parse(upper).value());
        } else if (masked.matches()) {
            where.append(" and s.idNumber like :id");
            params.put("id", masked.group(1) + "________" + masked.group(2));
        } else if (upper.matches("1\\d{10}")) {
            where.append(" and s.phone = :phone");
            params.put("phone", upper);
        } else if (ID_SUFFIX.matcher(upper).matches()) {
            where.append(" and s.idNumber like :id");
            params.put("id", "%" + upper);
        } else {
            // a name or part of one; "*" stands for one hidden character, as in a masked name
            String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '_');
            where.append(" and s.name like :name escape '\\'");
            params.put("name", text.contains("*") ? escaped : "%" + escaped + "%");
        }
    }

    private static boolean isIdNumber(String text) {
        try {
            IdNumber.parse(text);
            return true;
        } catch (InvalidIdNumberException e) {
            return false;
        }
    }

    private static void requireConsistent(IdNumber id, List<Fact> facts) {
        try {
            SeniorFacts.of(id, facts);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCodes.CONTRADICTORY_FACTS,
                    "记录相互矛盾：同一类状态在同一天只能有一个（如登记状态、失能等级）", Map.of("reason", e.getMessage()));
        }
    }

    private static void requireCardUnused(Card.Kind kind, String identifier, String field) {
        if (Card.count("kind = ?1 and identifier = ?2", kind, identifier) > 0) {
            throw duplicate(ErrorCodes.DUPLICATE_CARD, field, "卡号 " + field + " 已发放给其他老人或已使用过");
        }
    }

    /** A DUPLICATE_* refusal naming the duplicated field, in the message and as {@code details.field}. */
    private static ApiException duplicate(String code, String field, String messageZh) {
        return new ApiException(code, messageZh, Map.of("field", field));
    }

    /**
     * Marks a fact recorded by mistake as corrected: it never held. The row stays (the history shows the mistake and
     * who corrected it); {@code Senior.facts} leaves it out from now on, so it is dropped from this one in memory.
     */
    private void correct(Senior senior, SeniorFact row, String why) {
        row.correctedAt = clock.instant();
        row.correctedBy = audit.currentActor().name();
        senior.facts.remove(row); // mappedBy, no orphan removal: only the in-memory list forgets it
        Map<String, Object> details = factDetails(row);
        details.put("why", why);
        audit.record(AuditAction.FACT_CORRECTED, Subject.of("senior", senior.id), null, details);
    }

    private Canteen findCanteen(String code) {
        return Canteen.<Canteen>find("code", code).firstResultOptional()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_CANTEEN, "未找到该食堂"));
    }

    /**
     * The senior, if the caller's scope covers them ({@link AreaScopes}): every read and change of one senior
     * comes through here. Outside the scope the answer is the same as for no such senior, so a clerk learns nothing
     * of other 街镇.
     */
    public Senior findSenior(long id) {
        return findSenior(scopes.current(), id);
    }

    private Senior findSenior(AreaScope scope, long id) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Senior> query = em.createQuery("select s from Senior s where s.id = :id"
                + scope.condition("s", params), Senior.class).setParameter("id", id);
        params.forEach(query::setParameter);
        return query.getResultStream().findFirst()
                .orElseThrow(() -> new ApiException(ErrorCodes.UNKNOWN_SENIOR, "未找到该老人"));
    }

    /** Refuses to enter a senior (or an application) of a 街镇 the caller does not work for. */
    public static void requireInScope(AreaScope scope, String district, String subdistrict) {
        if (!scope.covers(district, subdistrict)) {
            throw new ApiException(ErrorCodes.OUTSIDE_SUBDISTRICT, scope.subdistrict() == null ? "无权办理该街镇的老人"
                    : "只能办理本街镇（" + scope.district() + scope.subdistrict() + "）的老人", Map.of("field", "subdistrict"));
        }
    }

    private Map<Long, List<Fact>> factsOf(List<Long> seniorIds) {
        Map<Long, List<Fact>> result = new HashMap<>();
        if (seniorIds.isEmpty()) {
            return result;
        }
        em.createQuery("select f from SeniorFact f where f.senior.id in :ids and f.correctedAt is null", SeniorFact.class)
                .setParameter("ids", seniorIds).getResultList()
                .forEach(f -> result.computeIfAbsent(f.senior.id, k -> new ArrayList<>()).add(f.toFact()));
        return result;
    }

    private Map<Long, Instant> secretsIssued() {
        Map<Long, Instant> issued = new HashMap<>();
        TerminalCredential.<TerminalCredential>listAll().forEach(c -> issued.put(c.terminalId, c.issuedAt));
        return issued;
    }

    private CanteenView canteenView(Canteen c) {
        return canteenView(c, secretsIssued());
    }

    private static CanteenView canteenView(Canteen c, Map<Long, Instant> issued) {
        return new CanteenView(c.id, c.code, c.name, c.jurisdiction, c.district, c.subdistrict, c.address,
                c.standardSetPriceFen, c.standardSetPrice().toYuanString(), c.active,
                c.menu.stream().map(RegisterService::mealSetView).toList(),
                c.terminals.stream().map(t -> terminalView(t, issued.get(t.id))).toList(), c.openingHours,
                c.publicPhone);
    }

    private static MealSetView mealSetView(MealSet m) {
        return new MealSetView(m.id, m.code, m.name, m.slot, m.priceFen, m.price().toYuanString(), m.active);
    }

    private static TerminalView terminalView(Terminal t, Instant secretIssuedAt) {
        return new TerminalView(t.id, t.code, t.name, t.canteen.code, t.active, secretIssuedAt);
    }

    private SeniorView seniorView(Senior s, boolean personalData) {
        LocalDate today = today();
        IdNumber id = s.parsedIdNumber();
        SeniorFacts sf = SeniorFacts.of(id, s.facts.stream().map(SeniorFact::toFact).toList());
        Optional<EnrolmentState> enrolment = sf.enrolmentOn(today);
        return new SeniorView(s.id, personalData ? id.value() : id.masked(),
                personalData ? s.name : PersonName.masked(s.name), personalData ? s.birthDate : null, s.male,
                sf.ageOn(today), personalData ? s.phone : maskTail(s.phone), s.district, s.subdistrict, today,
                enrolment.map(Enum::name).orElse(null), enrolment.map(EnrolmentState::labelZh).orElse("未登记"),
                sf.isDeceasedOn(today),
                history(s).stream().map(f -> factView(f, personalData ? null : s.birthDate)).toList(),
                s.cards.stream().sorted((a, b) -> Long.compare(a.id, b.id)).map(c -> cardView(c, personalData)).toList());
    }

    /** The facts that hold or held, and those corrected on their first day, in date order: the senior's history. */
    private static List<SeniorFact> history(Senior s) {
        List<SeniorFact> all = new ArrayList<>(s.facts);
        if (s.id != null) {
            all.addAll(SeniorFact.<SeniorFact>list("senior.id = ?1 and correctedAt is not null", s.id));
        }
        all.sort(java.util.Comparator.comparing((SeniorFact f) -> f.validFrom).thenComparing(f -> f.id));
        return all;
    }

    private static CardView cardView(Card c, boolean personalData) {
        return new CardView(c.id, c.kind, personalData ? c.identifier : maskTail(c.identifier), c.status, c.issuedOn,
                c.revokedOn, c.recordedBy);
    }

    /** A fact; with {@code hideNear} (the birth date) set, dates that would reveal it are withheld. */
    private static FactView factView(SeniorFact f, LocalDate hideNear) {
        boolean withhold = hideNear != null
                && (BirthDates.revealed(f.validFrom, hideNear) || BirthDates.revealed(f.validTo, hideNear));
        return new FactView(f.id, f.kind, f.kind.labelZh(), f.value, withhold ? null : f.validFrom,
                withhold ? null : f.validTo, withhold, f.recordedBy, f.correctedAt, f.correctedBy);
    }

    private static Map<String, Object> factDetails(SeniorFact f) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fact", f.id);
        details.put("kind", f.kind.name());
        if (f.value != null) {
            details.put("value", f.value);
        }
        details.put("from", f.validFrom.toString());
        if (f.validTo != null) {
            details.put("to", f.validTo.toString());
        }
        return details;
    }

    /** Keeps only the last four characters: enough to tell two cards or phones apart, not to use them. */
    public static String maskTail(String value) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(4, value.length() / 2);
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }
}
