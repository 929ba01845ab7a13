package cn.laorenjia.terminal.card;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The card reader in the counter's health ({@code /q/health/ready}): its state, name and last failed read. Always UP:
 * without a reader the counter still sells by QR code and ID number, so a missing reader is something to see and
 * fix, not a counter that cannot serve (the cashier page says the same to the cashier).
 */
@Readiness
@ApplicationScoped
public class CardReaderHealth implements HealthCheck {

    private final CardReaderLoop reader;

    public CardReaderHealth(CardReaderLoop reader) {
        this.reader = reader;
    }

    @Override
    public HealthCheckResponse call() {
        CardReaderStatus status = reader.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("card reader").up()
                .withData("state", status.state())
                .withData("readerPresent", status.readerPresent())
                .withData("profile", status.profile());
        if (status.readerName() != null) {
            response.withData("readerName", status.readerName());
        }
        if (status.lastReadAt() != null) {
            response.withData("lastReadAt", status.lastReadAt().toString());
        }
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError().code())
                    .withData("lastErrorAt", String.valueOf(status.lastError().at()));
        }
        return response.build();
    }
}
