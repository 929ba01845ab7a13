package cn.laorenjia.terminal.receipt;

import cn.laorenjia.contract.counter.CounterMenu;
import cn.laorenjia.contract.meal.MealAuthorisation;
import cn.laorenjia.core.calendar.ChinaCalendar;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The receipts of this counter's recent sales, for printing and reprinting (the ledger keeps the record). */
@ApplicationScoped
public class ReceiptStore {

    private static final int KEPT = 200;

    private final Map<String, Receipt> recent = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Receipt> eldest) {
            return size() > KEPT;
        }
    };

    /** Keeps the receipt of a sale from the service's authorisation and the menu answer (for the canteen's name). */
    public synchronized Receipt keep(MealAuthorisation sale, CounterMenu menu) {
        Receipt receipt = new Receipt(sale.saleId().toString(),
                menu == null ? sale.canteenCode() : menu.canteenName(), sale.canteenCode(), sale.terminalCode(),
                LocalDateTime.ofInstant(sale.occurredAt(), ChinaCalendar.ZONE).withNano(0),
                sale.mealSet().name(), sale.priceYuan(), sale.discountYuan(), sale.amountToPayYuan(),
                sale.senior().nameMasked(), sale.senior().idNumberMasked(), sale.remainingThisWeek(),
                sale.ruleVersion(), false);
        recent.put(receipt.saleId(), receipt);
        return receipt;
    }

    public synchronized void markVoided(UUID saleId) {
        recent.computeIfPresent(saleId.toString(), (id, r) -> r.asVoided());
    }

    public synchronized Optional<Receipt> find(String saleId) {
        return Optional.ofNullable(recent.get(saleId));
    }
}
