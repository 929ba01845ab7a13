package cn.laorenjia.core.senior;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource({"张三,张*", "张三丰,张*丰", "欧阳娜娜,欧**娜", "王,*", "' 李四 ',李*", "'',''"})
    void keepsOnlyTheFamilyNameAndTheLastCharacter(String name, String masked) {
        assertEquals(masked, PersonName.masked(name));
    }
}
