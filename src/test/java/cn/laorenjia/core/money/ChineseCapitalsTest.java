package cn.laorenjia.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** 大写金额 and thousands separators, case by case from the rules of 《支付结算办法》 (examples written out by hand). */
class ChineseCapitalsTest {

    @ParameterizedTest(name = "{0} fen = {1}")
    @CsvSource({
            // zero, 分 only, 角 only
            "0, 零元整",
            "1, 壹分",
            "5, 伍分",
            "50, 伍角整",
            "55, 伍角伍分",
            // whole yuan, 整
            "100, 壹元整",
            "1000, 壹拾元整",
            "1100, 壹拾壹元整",
            "10000, 壹佰元整",
            // 零 rules inside a group of four
            "100500, 壹仟零伍元整",
            "105000, 壹仟零伍拾元整",
            "101000, 壹仟零壹拾元整",
            "100100, 壹仟零壹元整",
            "110000, 壹仟壹佰元整",
            // 元 digit 0 with 角; 角 0 with 分
            "168032, 壹仟陆佰捌拾元零叁角贰分",
            "100030, 壹仟元零叁角整",
            "100003, 壹仟元零叁分",
            "105, 壹元零伍分",
            "150, 壹元伍角整",
            "10705053, 壹拾万柒仟零伍拾元零伍角叁分",
            // the brief's example
            "1234567, 壹万贰仟叁佰肆拾伍元陆角柒分",
            // 万 boundary
            "999999, 玖仟玖佰玖拾玖元玖角玖分",
            "1000000, 壹万元整",
            "1000500, 壹万零伍元整",
            "1010000, 壹万零壹佰元整",
            "1100000, 壹万壹仟元整",
            "10000000, 壹拾万元整",
            "100000500, 壹佰万零伍元整",
            "100100000, 壹佰万壹仟元整",
            "100010000, 壹佰万零壹佰元整",
            // 亿 boundary
            "9999999999, 玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            "10000000000, 壹亿元整",
            "10005000000, 壹亿零伍万元整",
            "11000000000, 壹亿壹仟万元整",
            "10000000100, 壹亿零壹元整",
            "100000000000000, 壹万亿元整",
            "100010000000000, 壹万零壹亿元整",
            // negatives: a correction that pays back
            "-1, 负壹分",
            "-457000, 负肆仟伍佰柒拾元整",
            "-1234567, 负壹万贰仟叁佰肆拾伍元陆角柒分",
    })
    void writesCapitals(long fen, String capitals) {
        assertEquals(capitals, Money.ofFen(fen).toChineseCapitals());
    }

    @Test
    void theExtremesOfALongStillFormat() {
        String min = Money.ofFen(Long.MIN_VALUE).toChineseCapitals();
        String max = Money.ofFen(Long.MAX_VALUE).toChineseCapitals();
        assertEquals("负" + max.replace("柒分", "捌分"), min);
        assertFalse(max.contains("零零"), max);
        assertEquals("玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分", max);
    }

    @ParameterizedTest(name = "{0} fen = {1}")
    @CsvSource({
            "0, 0.00", "5, 0.05", "99999, 999.99", "100000, '1,000.00'", "1234567, '12,345.67'",
            "-1234567, '-12,345.67'", "-100, -1.00", "-100000, '-1,000.00'", "100000000, '1,000,000.00'",
            "12345678901, '123,456,789.01'", "-9223372036854775808, '-92,233,720,368,547,758.08'"})
    void groupsThousands(long fen, String grouped) {
        assertEquals(grouped, Money.ofFen(fen).toGroupedYuanString());
    }
}
