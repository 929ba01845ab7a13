package cn.laorenjia.core.senior;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource({"张三,张*", "张三丰,张*丰", "欧阳娜娜,欧**娜", "王,*", "' 李四 ',李*", "'',''"})
    void keepsOnlyTheFamilyNameAndTheLastCharacter(String name, String masked) {
        assertEquals(masked, PersonName.masked(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"张淑珍", "欧阳娜娜", "买买提·吐尔逊", "阿依古丽•买买提", "Anna-Lena O'Brien", "J. Smith",
            "José García", "佐藤・花子", "王"})
    void acceptsTheNamesPeopleHave(String name) {
        assertEquals(name, PersonName.requireValid(name));
    }

    @Test
    void stripsSurroundingBlanks() {
        assertEquals("李四", PersonName.requireValid("  李四\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Robert'); DROP TABLE senior;--", "' OR '1'='1", "<script>alert(1)</script>", "张三1",
            "张\u0000三", "张\n三", "·张三", "张三·", "张··三", "张  三", "%s%s", "${jndi:ldap://x}", " ", "-"})
    void refusesWhatIsNoOnesName(String name) {
        assertThrows(IllegalArgumentException.class, () -> PersonName.requireValid(name));
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThrows(IllegalArgumentException.class, () -> PersonName.requireValid(null));
        assertEquals(50, PersonName.requireValid("张".repeat(50)).length());
        assertThrows(IllegalArgumentException.class, () -> PersonName.requireValid("张".repeat(51)));
    }
}
