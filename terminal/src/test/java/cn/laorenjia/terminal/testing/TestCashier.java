package cn.laorenjia.terminal.testing;

import cn.laorenjia.terminal.cashier.CashierConfig;
import cn.laorenjia.terminal.cashier.CashierSession;
import cn.laorenjia.contract.till.ShiftOpening;
import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.money.Money;
import cn.laorenjia.terminal.offline.OfflineConfig;
import cn.laorenjia.terminal.offline.OfflineCounter;
import cn.laorenjia.terminal.settlement.SettlementClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one way terminal tests sign a cashier in before selling: the test cashier {@link #NUMBER} is registered in the
 * canteen through the central's administrator API (never a sample cashier, whose PINs are the sample data's), then
 * signed in at the counter, through its local API (a running counter) or its session (a counter a test builds).
 */
public final class TestCashier {

    public static final String NUMBER = "9001";
    public static final String NAME = "测试收银员";
    public static final String PIN = "730194";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestCashier() {
    }

    /** Registers the test cashier in the canteen (once: a second registration answers 409, also fine). */
    public static void register(URI central, String adminPassword, String canteenCode) {
        HttpResponse<String> r = send(Central.asAdmin(central.resolve("/api/register/canteens/" + canteenCode + "/cashiers"),
                        adminPassword).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"" + NUMBER + "\",\"name\":\"" + NAME
                        + "\",\"pin\":\"" + PIN + "\"}")).build());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("registering the test cashier failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** The float of the shift a test opens: the till's figures then start from nothing in the drawer. */
    public static final String TEST_FLOAT = "0";

    /**
     * Registers the test cashier and signs them in at a running counter (its local API at {@code counter}), and opens a
     * shift there when none is open (selling needs one; a shift stays open across sign-ins).
     */
    public static void signInAt(URI counter, URI central, String adminPassword, String canteenCode) {
        register(central, adminPassword, canteenCode);
        HttpResponse<String> r = send(CounterApi.request(counter.resolve("/api/cashier/sign-in"), token(counter))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"" + NUMBER + "\",\"pin\":\"" + PIN + "\"}"))
                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("signing the test cashier in failed: " + r.statusCode() + " " + r.body());
        }
        HttpResponse<String> shift = send(CounterApi.request(counter.resolve("/api/till/shift/open"), token(counter))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"openingFloat\":\"" + TEST_FLOAT + "\"}")).build());
        if (shift.statusCode() != 200 && !shift.body().contains("SHIFT_ALREADY_OPEN")) {
            throw new IllegalStateException("opening a shift failed: " + shift.statusCode() + " " + shift.body());
        }
    }

    /** Opens a shift on a counter a test builds itself, when none is open there (selling needs one). */
    public static void openShift(OfflineCounter offline, Clock clock) {
        if (offline.till().currentShift().isEmpty()) {
            offline.till().openShift(new ShiftOpening(UUID.randomUUID(),
                    OffsetDateTime.ofInstant(clock.instant(), ChinaCalendar.ZONE), NUMBER, Money.ZERO));
        }
    }

    /** A session of a counter a test builds itself, with the test cashier signed in through the central. */
    public static CashierSession signedIn(SettlementClient client, OfflineConfig offline, Clock clock, URI central,
                                          String adminPassword, String canteenCode) {
        register(central, adminPassword, canteenCode);
        CashierSession session = new CashierSession(client, CONFIG, offline, clock);
        session.signIn(NUMBER, PIN);
        return session;
    }

    /** The defaults of {@link CashierConfig}. */
    private static final CashierConfig CONFIG = new CashierConfig() {
        @Override
        public Duration idleTimeout() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration idleCheckEvery() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration offlineSignInFor() {
            return Duration.ofDays(7);
        }

        @Override
        public int offlineLockAfter() {
            return 5;
        }

        @Override
        public Duration offlineLockFor() {
            return Duration.ofMinutes(5);
        }
    };

    /** The running counter's local API answers only with its per-boot token (CounterApi). */
    private static String token(URI counter) {
        try {
            return CounterApi.token(HTTP, counter);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
