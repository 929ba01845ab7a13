package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.calendar.ChinaCalendar;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk import over HTTP on the real database: 民政 files with planted errors are reported row by row and write
 * nothing; fixed, they write everything, once; a change list of deaths ends those seniors' subsidies.
 */
@QuarkusTest
class RegisterImportApiTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String REGISTER_HEADER = "身份证号码*,姓名*,联系电话,区*,街镇*,本市户籍起始日期,探访关爱类别,探访关爱起始日期,"
            + "居家养老补贴起始日期,低保类别,低保起始日期,失能等级,失能等级评定日期,困难残疾人补贴残疾等级,困难残疾人补贴起始日期,"
            + "助餐登记状态,助餐登记日期,卡类型,卡号,发卡日期,备注";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private LocalDate today() {
        return ChinaCalendar.mealDate(clock.instant());
    }

    private static String registerRow(String id, String name, String phone, String subdistrict, String household,
                                      String enrolment, String enrolledOn, String cardKind, String card) {
        return String.join(",", id, name, phone, "宝坻区", subdistrict, household, "", "", "", "", "", "", "", "", "",
                enrolment, enrolledOn, cardKind, card, "2024-03-01", "");
    }

    private static String wrongCheckDigit(String id) {
        char last = id.charAt(17);
        return id.substring(0, 17) + (last == '0' ? '1' : '0');
    }

    private static ValidatableResponse upload(String kind, String fileName, String contentType, byte[] content) {
        return as(ADMIN).contentType(contentType).queryParam("kind", kind).queryParam("fileName", fileName)
                .body(content).post("/api/register/imports").then();
    }

    @Test
    void aRegisterFileWithPlantedErrorsReportsEachAndWritesNothingThenTheFixedFileWritesEverythingOnce() throws IOException {
        String a = TestApi.idNumber(1941, false);
        String b = TestApi.idNumber(1942, true);
        String c = TestApi.idNumber(1943, false);
        String d = TestApi.idNumber(1944, true);
        String future = TestApi.idNumber(2030, true);
        String uidA = TestApi.newUid();
        String uidB = TestApi.newUid();
        List<String> planted = List.of(REGISTER_HEADER,
                registerRow(a, "王秀兰", "13812345678", "海滨街道", "1990-01-01", "已批准", "2024-03-01", "IC卡", uidA), // 2: fine
                registerRow(wrongCheckDigit(b), "李国强", "", "海滨街道", "", "", "", "", ""),                          // 3
                registerRow(future, "赵小宝", "", "海滨街道", "", "", "", "", ""),                                      // 4
                registerRow(c, "孙桂芝", "abc", "海滨街", "", "", "", "", ""),                                           // 5
                registerRow("120224193804121223", "张淑珍", "", "海滨街道", "", "", "", "", ""),                        // 6: registered
                registerRow(d, "周建国", "", "海滨街道", "1900-01-01", "已批准", "2099-01-01", "", ""),                // 7
                registerRow(d, "周建国", "", "海滨街道", "", "", "", "", ""),                                           // 8: twice
                registerRow(c.substring(0, 17) + "Y", "钱 ", "", "海滨街道", "2024-02-30", "批准了", "2024-03-01", "", "")); // 9
        long[] before = counts();

        JsonPath dryRun = upload("REGISTER", "海滨街道新增老人.csv", "text/csv",
                ("\uFEFF" + String.join("\r\n", planted) + "\r\n").getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("mode", equalTo("DRY_RUN")).body("format", equalTo("CSV"))
                .extract().jsonPath();
        List<String> found = new ArrayList<>();
        for (Map<String, Object> p : dryRun.<Map<String, Object>>getList("problems")) {
            found.add(p.get("row") + " " + p.get("column") + " " + p.get("code"));
            assertTrue(((String) p.get("message")).matches(".*\\p{IsHan}.*"), p.toString());
        }
        for (String expected : List.of("3 身份证号码 INVALID_ID_NUMBER", "4 身份证号码 BIRTH_DATE_IN_FUTURE",
                "5 联系电话 INVALID_PHONE_NUMBER", "5 街镇 UNKNOWN_SUBDISTRICT", "6 身份证号码 DUPLICATE_ID_NUMBER",
                "7 本市户籍起始日期 IMPOSSIBLE_DATE", "7 助餐登记日期 FUTURE_DATE", "7 身份证号码 DUPLICATE_IN_FILE",
                "8 身份证号码 DUPLICATE_IN_FILE", "9 身份证号码 INVALID_ID_NUMBER", "9 本市户籍起始日期 INVALID_DATE",
                "9 助餐登记状态 INVALID_VALUE")) {
            assertTrue(found.contains(expected), expected + " not in " + found);
        }
        assertTrue(found.stream().noneMatch(f -> f.startsWith("2 ")), found.toString());
        assertEquals("UTF-8", dryRun.getString("charset"), found.toString());
        assertEquals(8, dryRun.getInt("rows"), found.toString());
        assertEquals(1, dryRun.getInt("rowsOk"), found.toString());
        assertEquals(7, dryRun.getInt("rowsWithProblems"), found.toString());
        assertEquals(List.of("备注"), dryRun.getList("ignoredColumns"));
        long dryRunId = dryRun.getLong("id");

        // applying it is refused, and nothing was written
        as(ADMIN).post("/api/register/imports/" + dryRunId + "/apply").then().statusCode(409)
                .body("code", equalTo("IMPORT_HAS_PROBLEMS")).body("details.rowsWithProblems", equalTo(7))
                .body("message", matchesPattern(".*\\p{IsHan}.*"));
        assertEquals(before[0], counts()[0]);
        assertEquals(before[1], counts()[1]);
        assertEquals(before[2], counts()[2]);

        // the result file has every row with its outcome
        Sheet result = workbook(as(ADMIN).get("/api/register/imports/" + dryRunId + "/result").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray()).getSheetAt(0);
        assertEquals(9, result.getPhysicalNumberOfRows());
        int outcome = 22; // the file's 21 columns, 行号, then 结果
        assertEquals("结果", result.getRow(0).getCell(outcome).getStringCellValue());
        assertEquals("可导入", result.getRow(1).getCell(outcome).getStringCellValue());
        assertEquals("有问题", result.getRow(2).getCell(outcome).getStringCellValue());
        assertTrue(result.getRow(2).getCell(outcome + 1).getStringCellValue().contains("校验位"));
        assertEquals(b.substring(0, 17), result.getRow(2).getCell(0).getStringCellValue().substring(0, 17));

        // fixed: everything is written, in one import
        List<String> fixed = List.of(REGISTER_HEADER,
                registerRow(a, "王秀兰", "13812345678", "海滨街道", "1990-01-01", "已批准", "2024-03-01", "IC卡", uidA),
                registerRow(b, "李国强", "", "海滨街道", "1960-06-01", "已申请", "2026-11-01", "IC卡", uidB), // local since after any 1942 birthday TestApi draws
                registerRow(c, "孙桂芝", "022-29241234", "海滨街道", "", "", "", "", ""),
                registerRow(d, "周建国", "", "海滨街道", "1950-01-01", "APPROVED", "2025-01-01", "", ""));
        byte[] fixedFile = String.join("\n", fixed).getBytes(StandardCharsets.UTF_8);
        JsonPath fixedCheck = upload("REGISTER", "海滨街道新增老人（改正）.csv", "text/csv", fixedFile).statusCode(201)
                .body("alreadyAppliedBy", nullValue()).extract().jsonPath();
        assertEquals(0, fixedCheck.getInt("rowsWithProblems"), fixedCheck.getList("problems").toString());
        assertEquals(4, fixedCheck.getInt("rowsOk"));
        long fixedRun = fixedCheck.getLong("id");
        long applied = as(ADMIN).post("/api/register/imports/" + fixedRun + "/apply").then().statusCode(201)
                .body("mode", equalTo("APPLIED")).body("dryRunId", equalTo((int) fixedRun))
                .body("written", equalTo(Map.of("seniors", 4, "facts", 6, "factsEnded", 0, "cards", 2)))
                .extract().jsonPath().getLong("id");
        long[] after = counts();
        assertEquals(before[0] + 4, after[0]);
        assertEquals(before[1] + 6, after[1]);
        assertEquals(before[2] + 2, after[2]);
        as(ADMIN).get("/api/register/seniors?q=" + a).then().statusCode(200).body("items[0].enrolment", equalTo("APPROVED"))
                .body("items[0].subdistrict", equalTo("海滨街道"));
        assertEquals("test-admin", string("select recorded_by from card where identifier = '" + uidA + "'"));
        assertEquals(1, count("select count(*) from audit_event where action = 'REGISTER_IMPORTED' and subject_id = '"
                + applied + "' and (details->>'rows')::int = 4"));

        // the same file again changes nothing: applying again, or uploading and applying it anew
        as(ADMIN).post("/api/register/imports/" + fixedRun + "/apply").then().statusCode(200)
                .body("id", equalTo((int) applied)).body("alreadyAppliedBy", equalTo((int) applied));
        long again = upload("REGISTER", "再传一次.csv", "text/csv", fixedFile).statusCode(201)
                .body("alreadyAppliedBy", equalTo((int) applied)).extract().jsonPath().getLong("id");
        as(ADMIN).post("/api/register/imports/" + again + "/apply").then().statusCode(200)
                .body("id", equalTo((int) applied));
        assertEquals(after[0], counts()[0]);
        assertEquals(after[1], counts()[1]);
        assertEquals(after[2], counts()[2]);

        Sheet appliedResult = workbook(as(ADMIN).get("/api/register/imports/" + applied + "/result").then()
                .statusCode(200).extract().asByteArray()).getSheetAt(0);
        assertEquals("已导入", appliedResult.getRow(4).getCell(22).getStringCellValue());
        as(ADMIN).get("/api/register/imports").then().statusCode(200)
                .body("id", hasItem((int) applied)).body("id", hasItem((int) dryRunId));
    }

    @Test
    void aChangeListOfDeathsFromTheTemplateEndsThoseSeniorsSubsidiesOnceInXlsxAndGbkCsv() throws IOException {
        String terminal = TestApi.registerCanteen("海滨街道").getString("terminalSecrets[0].authorization");
        String deadId = TestApi.idNumber(1939, true);
        String deadUid = TestApi.newUid();
        registerSenior(deadId, "刘长顺", deadUid);
        String movedId = TestApi.idNumber(1938, false);
        String movedUid = TestApi.newUid();
        registerSenior(movedId, "陈玉英", movedUid);
        String died = today().minusDays(3).toString();
        String entered = today().minusDays(10).toString();

        // the template, downloaded and filled in as a clerk would, with planted errors
        byte[] template = as(ADMIN).get("/api/register/imports/templates/CHANGES").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        XSSFWorkbook planted = workbook(template);
        Sheet sheet = planted.getSheetAt(0);
        assertEquals("身份证号码*", sheet.getRow(0).getCell(0).getStringCellValue());
        fill(sheet, 1, deadId, "刘长顺", "死亡", died, "", "");
        fill(sheet, 2, movedId, "陈玉英", "入住养老机构", entered, "", "");
        fill(sheet, 3, TestApi.idNumber(1937, true), "无此人", "死亡", died, "", "");        // unknown senior
        fill(sheet, 4, movedId, "陈玉华", "死亡", died, "", "");                             // name mismatch
        fill(sheet, 5, deadId, "刘长顺", "死亡", today().minusDays(1).toString(), "", "");   // a second death
        fill(sheet, 6, deadId, "刘长顺", "死亡", today().plusDays(5).toString(), "", "");     // future
        fill(sheet, 7, movedId, "陈玉英", "低保", entered, "特困", "");                       // no such value
        long[] before = counts();
        JsonPath report = upload("CHANGES", "民政变更名单.xlsx", XLSX, bytes(planted)).statusCode(201)
                .body("format", equalTo("XLSX")).extract().jsonPath();
        List<String> found = report.<Map<String, Object>>getList("problems").stream()
                .map(p -> p.get("row") + " " + p.get("code")).toList();
        assertEquals(5, report.getInt("rowsWithProblems"), found.toString());
        for (String expected : List.of("4 UNKNOWN_SENIOR", "5 NAME_MISMATCH", "6 CONTRADICTORY_FACTS", "7 FUTURE_DATE",
                "8 INVALID_VALUE")) {
            assertTrue(found.contains(expected), expected + " not in " + found);
        }
        as(ADMIN).post("/api/register/imports/" + report.getLong("id") + "/apply").then().statusCode(409)
                .body("code", equalTo("IMPORT_HAS_PROBLEMS"));
        assertEquals(before[1], counts()[1]);
        sale(terminal, deadUid).statusCode(200);

        // fixed: the two real changes
        XSSFWorkbook clean = workbook(template);
        fill(clean.getSheetAt(0), 1, deadId, "刘长顺", "死亡", died, "", "");
        fill(clean.getSheetAt(0), 2, movedId, "陈玉英", "入住养老机构", entered, "", "");
        long run = upload("CHANGES", "民政变更名单（改正）.xlsx", XLSX, bytes(clean)).statusCode(201)
                .body("rowsOk", equalTo(2)).body("rowsWithProblems", equalTo(0)).extract().jsonPath().getLong("id");
        as(ADMIN).post("/api/register/imports/" + run + "/apply").then().statusCode(201)
                .body("written", equalTo(Map.of("seniors", 0, "facts", 2, "factsEnded", 0, "cards", 0)));
        assertEquals(before[1] + 2, counts()[1]);

        // eligibility says so: the dead senior's card is refused as deceased, the other as living in an institution
        sale(terminal, deadUid).statusCode(422).body("code", equalTo("NOT_ELIGIBLE"))
                .body("details.reasons.code", hasItem("DECEASED"));
        sale(terminal, movedUid).statusCode(422).body("code", equalTo("NOT_ELIGIBLE"))
                .body("details.reasons.code", hasItem("IN_INSTITUTION"));

        // the same list once more, as Excel in China saves CSV (GBK): every row is already so, nothing changes
        String csv = "身份证号码,姓名,变更类型,生效日期,值,截止日期\r\n" + deadId + ",刘长顺,死亡," + died.replace('-', '/')
                + ",,\r\n" + movedId + ",陈玉英,入住养老机构," + entered.replace("-", "") + ",,\r\n";
        long gbk = upload("CHANGES", "变更名单.csv", "text/csv", csv.getBytes(Charset.forName("GBK"))).statusCode(201)
                .body("charset", equalTo("GBK")).body("rowsUnchanged", equalTo(2)).body("rowsWithProblems", equalTo(0))
                .extract().jsonPath().getLong("id");
        as(ADMIN).post("/api/register/imports/" + gbk + "/apply").then().statusCode(201)
                .body("written", equalTo(Map.of("seniors", 0, "facts", 0, "factsEnded", 0, "cards", 0)));
        assertEquals(before[1] + 2, counts()[1]);

        // she left the institution the day before yesterday: the stay ends, and she is eligible again
        String left = today().minusDays(2).toString();
        long leaving = upload("CHANGES", "离开机构.csv", "text/csv",
                ("身份证号码,姓名,变更类型,生效日期\n" + movedId + ",陈玉英,离开养老机构," + left + "\n").getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("rowsOk", equalTo(1)).extract().jsonPath().getLong("id");
        as(ADMIN).post("/api/register/imports/" + leaving + "/apply").then().statusCode(201)
                .body("written", equalTo(Map.of("seniors", 0, "facts", 0, "factsEnded", 1, "cards", 0)));
        sale(terminal, movedUid).statusCode(200).body("status", equalTo("SUBSIDISED"));
    }

    @Test
    void garbageUploadsAreRefusedWithACodeAndAChineseMessageAndChangeNothing() {
        long imports = count("select count(*) from register_import");
        long[] before = counts();
        refused(upload("REGISTER", "照片.png", "application/octet-stream",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13}), 400, "IMPORT_FILE_UNREADABLE");
        refused(upload("REGISTER", "旧表.xls", "application/octet-stream",
                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}),
                400, "IMPORT_FILE_UNREADABLE");
        refused(upload("REGISTER", "坏的.xlsx", XLSX, new byte[] {'P', 'K', 3, 4, 1, 2, 3}), 400, "IMPORT_FILE_UNREADABLE");
        refused(upload("REGISTER", "空.csv", "text/csv", new byte[0]), 400, "IMPORT_FILE_EMPTY");
        refused(upload("REGISTER", "只有表头.csv", "text/csv", REGISTER_HEADER.getBytes(StandardCharsets.UTF_8)),
                400, "IMPORT_FILE_EMPTY");
        refused(upload("REGISTER", "别的表.csv", "text/csv", "编号,金额\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                400, "IMPORT_WRONG_HEADERS").body("details.missing", hasItem("身份证号码"));
        // a change list uploaded as the register
        refused(upload("REGISTER", "变更.csv", "text/csv", "身份证号码,姓名,变更类型,生效日期\n1,2,3,4\n"
                .getBytes(StandardCharsets.UTF_8)), 400, "IMPORT_WRONG_HEADERS").body("details.missing", hasItem("街镇"));
        refused(upload("PEOPLE", "x.csv", "text/csv", "a\n".getBytes(StandardCharsets.UTF_8)), 400, "IMPORT_UNKNOWN_KIND");
        refused(as(ADMIN).contentType("text/csv").queryParam("kind", "REGISTER").queryParam("charset", "BIG5")
                .body(REGISTER_HEADER.getBytes(StandardCharsets.UTF_8)).post("/api/register/imports").then(),
                400, "IMPORT_UNKNOWN_CHARSET");
        refused(as(ADMIN).post("/api/register/imports/999999999/apply").then(), 404, "UNKNOWN_IMPORT");
        // larger than the upload limit: refused by its declared length before it is read
        refused(upload("REGISTER", "大.csv", "text/csv", new byte[33 * 1024 * 1024]), 413, "REQUEST_TOO_LARGE");
        // only administrators import
        TestApi.as(TestApi.FINANCE).contentType("text/csv").queryParam("kind", "REGISTER")
                .body(REGISTER_HEADER.getBytes(StandardCharsets.UTF_8)).post("/api/register/imports").then()
                .statusCode(403);
        TestApi.as(TestApi.SUPERVISOR).get("/api/register/imports").then().statusCode(403);

        assertEquals(imports, count("select count(*) from register_import"));
        assertEquals(before[0], counts()[0]);
        assertEquals(before[1], counts()[1]);
    }

    // --- helpers ---

    private static ValidatableResponse refused(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).body("code", equalTo(code)).body("message", matchesPattern(".*\\p{IsHan}.*"));
    }

    private static void registerSenior(String idNumber, String name, String uid) {
        as(ADMIN).body(Map.of("idNumber", idNumber, "name", name, "district", "宝坻区", "subdistrict", "海滨街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"),
                                Map.of("kind", "ENROLMENT", "value", "APPROVED", "from", "2024-03-01")),
                        "cards", List.of(Map.of("kind", "UID", "identifier", uid, "issuedOn", "2024-03-01"))))
                .post("/api/register/seniors").then().statusCode(201);
        assertTrue(IdNumber.parse(idNumber).birthDate().getYear() < 1946);
    }

    private ValidatableResponse sale(String terminal, String uid) {
        return TestApi.asTerminal(terminal).body(Map.of("saleId", UUID.randomUUID().toString(),
                        "occurredAt", OffsetDateTime.now(clock).toString(),
                        "identification", Map.of("method", "CARD", "cardKind", "UID", "identifier", uid),
                        "mealSetCode", "L-STD", "priceFen", 1500))
                .post("/api/meals").then();
    }

    private static void fill(Sheet sheet, int row, String... cells) {
        Row r = sheet.createRow(row);
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                r.createCell(i).setCellValue(cells[i]);
            }
        }
    }

    private static XSSFWorkbook workbook(byte[] content) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(content));
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    private long[] counts() {
        return new long[] {count("select count(*) from senior"), count("select count(*) from senior_fact"),
                count("select count(*) from card")};
    }

    private long count(String sql) {
        return Long.parseLong(string(sql));
    }

    private String string(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
