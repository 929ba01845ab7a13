package cn.laorenjia.settlement.statement.service;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.ledger.chain.LedgerSealer;
import cn.laorenjia.settlement.security.AreaScope;
import cn.laorenjia.settlement.security.AreaScopes;
import cn.laorenjia.settlement.settling.service.DaysSettled;
import cn.laorenjia.settlement.settling.service.SettlementError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Monthly statements: drafts refreshed set-based from what is settled (all canteens of a month in a few
 * statements, {@link StatementRepository}), confirmation by finance, and the views. Writers serialise on an
 * advisory lock. Confirming inserts the statement's confirmation (statement_confirmation, insert-only, with the
 * ledger chain's head); from then on the database triggers refuse any change to it whatever the application does.
 */
@ApplicationScoped
public class StatementService {

    private final StatementRepository statements;
    private final StatementSummaries summaries;
    private final AreaScopes areas;
    private final LedgerSealer sealer;
    private final Clock clock;

    public StatementService(StatementRepository statements, StatementSummaries summaries, AreaScopes areas,
                            LedgerSealer sealer, Clock clock) {
        this.statements = statements;
        this.summaries = summaries;
        this.areas = areas;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** Creates or refreshes the draft statements of a month for every canteen with something settled. */
    @Transactional
    public int refreshDrafts(YearMonth month) {
        statements.lockWriters();
        return statements.refreshDrafts(month, null, clock.instant());
    }

    /** After a settlement run: the drafts of the months it covered follow, one transaction per month. */
    void onDaysSettled(@Observes DaysSettled settled) {
        for (YearMonth m = YearMonth.from(settled.from()); !m.isAfter(YearMonth.from(settled.to())); m = m.plusMonths(1)) {
            refreshDrafts(m);
        }
    }

    /**
     * Confirms a draft after refreshing it from what is settled, if its own month's lines equal the ledger.
     * Refuses a confirmed statement (STATEMENT_CONFIRMED) and an unreconciled one (STATEMENT_NOT_RECONCILED).
     */
    public StatementView confirm(long id, String by) {
        AreaScope scope = areas.current();
        // everything recorded so far goes on the chain first, so the head the statement records covers it
        sealer.seal();
        confirmDraft(id, by, scope);
        return statement(id);
    }

    /**
     * Confirms every draft the query's filters select (its status filter aside) within the caller's area, as
     * {@link #confirm} does one, but set-based in one transaction: the month's drafts refreshed once, the ledger
     * checked for all of them in one pass, the reconciled ones confirmed together with the same chain head. Answers
     * how many were confirmed and, for each one that was not, the refusal. Nothing is skipped without being reported.
     */
    public StatementSummary.ConfirmAll confirmAll(StatementQuery query, String by) {
        AreaScope scope = areas.current();
        sealer.seal();
        return confirmDrafts(query, by, scope);
    }

    @Transactional
    StatementSummary.ConfirmAll confirmDrafts(StatementQuery query, String by, AreaScope scope) {
        statements.lockWriters();
        statements.refreshDrafts(query.month(), null, clock.instant());
        List<Long> drafts = summaries.draftIds(query, scope);
        Set<Long> unreconciled = new HashSet<>(summaries.unreconciledIds(query, scope));
        List<Long> reconciled = drafts.stream().filter(id -> !unreconciled.contains(id)).toList();
        statements.confirm(reconciled, clock.instant(), by, statements.chainHead());
        List<Long> refusedIds = drafts.stream().filter(unreconciled::contains).toList();
        List<StatementSummary.Refusal> refused = summaries.summaries(refusedIds).stream()
                .map(s -> new StatementSummary.Refusal(s.id(), s.number(), s.canteenCode(), s.canteenName(),
                        SettlementError.STATEMENT_NOT_RECONCILED.name(), "结算单与台账不一致(台账 "
                        + Money.ofFen(s.ledger().netOwedFen()).toGroupedYuanString() + " 元)，请先重新结算该月再确认"))
                .toList();
        return new StatementSummary.ConfirmAll(drafts.size(), reconciled.size(), refused);
    }

    /** A page of a month's statements (no lines) with the totals of all the query selects, within the caller's area. */
    @Transactional
    public StatementSummary.Page page(StatementQuery query) {
        return summaries.page(query, areas.current());
    }

    @Transactional
    void confirmDraft(long id, String by, AreaScope scope) {
        statements.lockWriters();
        if (!summaries.within(id, scope)) {
            throw SettlementError.UNKNOWN_STATEMENT.exception();
        }
        StatementRepository.State state = statements.state(id).orElseThrow(SettlementError.UNKNOWN_STATEMENT::exception);
        if (state.confirmed()) {
            throw SettlementError.STATEMENT_CONFIRMED.exception();
        }
        statements.refreshDrafts(state.month(), state.canteenId(), clock.instant());
        StatementView view = statements.read(id, false).orElseThrow();
        if (!view.reconciled()) {
            throw SettlementError.STATEMENT_NOT_RECONCILED.exception("结算单与台账不一致(台账 " + view.ledger().netOwed()
                    + " 元，结算单本月 " + view.ownMonth().netOwed() + " 元)，请先重新结算该月再确认");
        }
        statements.confirm(id, clock.instant(), by, statements.chainHead());
    }

    /** A statement with its lines; one outside the caller's area is answered as unknown. */
    @Transactional
    public StatementView statement(long id) {
        if (!summaries.within(id, areas.current())) {
            throw SettlementError.UNKNOWN_STATEMENT.exception();
        }
        return statements.read(id).orElseThrow(SettlementError.UNKNOWN_STATEMENT::exception);
    }

    /** The statements of a month within the caller's area, in 区, 街镇, canteen order, with their lines (exports). */
    @Transactional
    public List<StatementView> statements(YearMonth month) {
        List<StatementView> views = new ArrayList<>();
        for (long id : statements.idsOf(month, areas.current())) {
            views.add(statements.read(id).orElseThrow());
        }
        return views;
    }

    /** The statement of a canteen for a month, if one was drafted. */
    @Transactional
    public Optional<StatementView> statementOf(long canteenId, YearMonth month) {
        return statements.idOf(canteenId, month).flatMap(statements::read);
    }
}
