package cn.laorenjia.terminal.receipt;

import cn.laorenjia.core.calendar.ChinaCalendar;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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
    public synchronized Receipt keep(JsonNode sale, JsonNode menu) {
        Receipt receipt = new Receipt(sale.path("saleId").asText(),
                menu == null ? sale.path("canteenCode").asText() : menu.path("canteenName").asText(),
                sale.path("canteenCode").asText(), sale.path("terminalCode").asText(),
                LocalDateTime.ofInstant(Instant.parse(sale.path("occurredAt").asText()), ChinaCalendar.ZONE).withNano(0),
                sale.path("mealSet").path("name").asText(), sale.path("price").asText(), sale.path("discount").asText(),
                sale.path("amountToPay").asText(), sale.path("senior").path("nameMasked").asText(),
                sale.path("senior").path("idNumberMasked").asText(), sale.path("remainingThisWeek").asInt(),
                sale.path("ruleVersion").asText(), false);
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
