package cn.laorenjia.settlement.supervision;

import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.settling.SettlementFixture;
import io.restassured.path.json.JsonPath;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;

/**
 * Canteens for the supervision and public pages' tests: in 宝坻区 through {@link SettlementFixture} (with the fixture
 * month: 5 subsidised meals, 25.00 yuan owed, every senior identified by card), and in a district of its own.
 */
public final class SupervisionFixture {

    /** A district no other test uses, with one 街镇: a supervisor of 宝坻区 must never see it. */
    public static final String OTHER_DISTRICT = "和平区";
    public static final String OTHER_SUBDISTRICT = "南营门街道";

    private SupervisionFixture() {
    }

    /** A canteen of {@link #OTHER_DISTRICT}; answers its code. */
    public static String otherDistrictCanteen(String name) {
        TestApi.ensureSubdistrict(OTHER_DISTRICT, OTHER_SUBDISTRICT, "NYM");
        String code = TestApi.unique("HP");
        JsonPath registered = as(ADMIN).body(Map.of(
                        "code", code, "name", name, "jurisdiction", "tianjin", "district", OTHER_DISTRICT,
                        "subdistrict", OTHER_SUBDISTRICT, "address", "南营门街1号", "standardSetPriceFen", 1500,
                        "menu", List.of(Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500)),
                        "terminals", List.of(Map.of("code", code + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201).extract().jsonPath();
        return registered.getString("canteen.code");
    }

    /**
     * A 宝坻区 canteen of that 街镇 with the fixture month recorded, one more lunch on day 6 for a senior looked up by ID
     * number (a forgotten card), and the month settled: 7 sales (6 by card, 1 manual), 1 void, 6 meals, 30.00 yuan.
     */
    public static SettlementFixture settledCanteen(String subdistrict, YearMonth month) {
        SettlementFixture canteen = SettlementFixture.newCanteen(subdistrict);
        canteen.recordFixtureMonth(month);
        canteen.manualLunch(seniorWithIdNumber("孙玉兰"), month.atDay(6));
        SettlementFixture.settle(month);
        return canteen;
    }

    /** An enrolled senior of 宝坻区 (as {@link TestApi#registerSenior}); answers the ID number. */
    static String seniorWithIdNumber(String name) {
        String idNumber = TestApi.idNumber(1940, false);
        as(ADMIN).body(Map.of("idNumber", idNumber, "name", name, "phone", "13812345678",
                        "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", TestApi.newUid(), "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
        return idNumber;
    }

    /** A canteen of 宝平街道 with a name no other test uses; answers its code. */
    public static String publicCanteen(String name) {
        String code = TestApi.unique("PUB");
        as(ADMIN).body(Map.of("code", code, "name", name, "jurisdiction", "tianjin", "district", "宝坻区",
                        "subdistrict", "宝平街道", "address", "宝平街道南关大街8号", "standardSetPriceFen", 1500,
                        "menu", List.of(Map.of("code", "L-STD", "name", "标准午餐套餐", "slot", "LUNCH", "priceFen", 1500),
                                Map.of("code", "B-01", "name", "营养早餐", "slot", "BREAKFAST", "priceFen", 650)),
                        "terminals", List.of(Map.of("code", code + "-T1", "name", "1号收银台"))))
                .post("/api/register/canteens").then().statusCode(201);
        return code;
    }
}
