package cn.laorenjia.core.senior;

import cn.laorenjia.core.refusal.InvalidEntryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800000000", "13012345678", "15912345678", "18612345678", "19912345678", "16612345678"})
    void acceptsMainlandMobileNumbers(String phone) {
        PhoneNumber number = PhoneNumber.parse(phone);
        assertEquals(phone, number.value());
        assertTrue(number.isMobile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"022-29241234", "02229241234", "010-12345678", "0371-6123456", "0371-61234567", "03716123456"})
    void acceptsLandlinesWithTheirAreaCode(String phone) {
        assertEquals(phone, PhoneNumber.parse(phone).value());
        assertFalse(PhoneNumber.parse(phone).isMobile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<img src=x onerror=alert(1)>", "１３８０００００００", "138０0000000", "138 0000 0000",
            "138-0000-0000", "+8613800000000", "8613800000000", "12800000000", "1380000000", "138000000000",
            "29241234", "022-292412", "022-292412345", "022 29241234", "(022)29241234", "022-29241234-801",
            "0-22-29241234", "1380000000a", "=13800000000", "13800000000\n1", "1380000000\u0000", "电话"})
    void refusesAnythingElse(String phone) {
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> PhoneNumber.parse(phone));
        assertEquals(InvalidEntryException.Code.INVALID_PHONE_NUMBER, e.code());
        assertEquals("phone", e.subject());
        assertTrue(e.messageZh().contains("手机号"), e.messageZh());
    }

    @Test
    void isOptional() {
        assertEquals(Optional.empty(), PhoneNumber.optional(null));
        assertEquals(Optional.empty(), PhoneNumber.optional("  "));
        assertEquals(Optional.of(PhoneNumber.parse("13800000000")), PhoneNumber.optional(" 13800000000 "));
        assertThrows(InvalidEntryException.class, () -> PhoneNumber.optional("x"));
        assertThrows(InvalidEntryException.class, () -> PhoneNumber.parse(null));
    }
}
