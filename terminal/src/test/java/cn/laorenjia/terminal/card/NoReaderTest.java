package cn.laorenjia.terminal.card;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.laorenjia.terminal.testing.CounterApi.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No reader plugged in (here: none by that name, or no PC/SC stack at all): the terminal starts, the page
 * reads why from the status endpoint, and the reader thread keeps looking instead of dying.
 */
@QuarkusTest
@TestProfile(NoReaderTest.NoSuchReader.class)
class NoReaderTest {

    public static class NoSuchReader implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("laorenjia.terminal.card.reader-name", "No Such Reader 99");
        }
    }

    @Inject
    CardReaderLoop reader;

    @Test
    void theTerminalRunsAndSaysThereIsNoReader() throws InterruptedException {
        for (int i = 0; i < 100 && "STARTING".equals(reader.status().state()); i++) {
            Thread.sleep(50);
        }
        given().get("/api/card-reader").then().statusCode(200)
                .body("readerPresent", equalTo(false)).body("readerName", nullValue()).body("cardPresent", equalTo(false));
        String state = reader.status().state();
        assertEquals(true, state.equals("NO_READER") || state.equals("NO_SERVICE") || state.equals("NO_PCSC"), state);
    }
}
