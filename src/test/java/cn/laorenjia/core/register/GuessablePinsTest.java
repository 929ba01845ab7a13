package cn.laorenjia.core.register;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuessablePinsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0000", "77777777", "1234", "123456", "7890", "8901", "9876", "3210", "987654", "0987"})
    void repeatedDigitsAndRunsAreGuessable(String pin) {
        assertTrue(GuessablePins.isGuessable(pin), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"470215", "1235", "0001", "1212", "13579", "12345670", "2468"})
    void otherPinsAreNot(String pin) {
        assertFalse(GuessablePins.isGuessable(pin), pin);
    }
}
