package cn.laorenjia.settlement.register.page;

import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.settlement.security.TestApi;
import cn.laorenjia.settlement.testing.TestClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 18's "done when", in Debian's headless chromium at 1024×600: a 街道 clerk enrols a senior from the pages alone
 * (an application on her behalf, reviewed and approved with a card), suspends her (an institution entry) and resumes
 * her (its last day), the history telling each step, and cannot open a senior of another 街镇; an administrator's bulk
 * import with planted errors is refused row by row and writes nothing, the fixed file is applied. Screenshots 30-….
 */
@QuarkusTest
class ClerkPagesBrowserTest {

    private static final String CLERK_HB = "test-clerk-hb";

    @TestHTTPResource("/register")
    URL register;

    @Test
    void aClerkEnrolsSuspendsAndResumesASeniorFromThePagesAlone() {
        String idNumber = TestApi.idNumber(1940, false);
        String birth = idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14);
        String masked = IdNumber.parse(idNumber).masked();
        String uid = TestApi.newUid();
        long otherSenior = as(ADMIN).body(Map.of("idNumber", TestApi.idNumber(1939, true), "name", "宝平老人",
                        "phone", "13812345678", "district", "宝坻区", "subdistrict", "宝平街道",
                        "facts", List.of(Map.of("kind", "LOCAL_HOUSEHOLD", "from", "1990-01-01"))))
                .post("/api/register/seniors").then().statusCode(201).extract().jsonPath().getLong("id");
        LocalDate today = TestClock.current().today();
        try (PageBrowser b = new PageBrowser(1024, 600)) {
            Page page = b.page;
            b.signIn(register.toString(), CLERK_HB, "test-clerk-hb-password");
            assertThat(page).hasURL(Pattern.compile(".*/register/seniors$"));
            assertThat(page.locator("#who")).containsText(CLERK_HB);
            // a clerk's navigation: the seniors and the applications, not the district's canteens or bulk import
            assertThat(page.locator("header nav")).containsText("申请审核");
            assertThat(page.locator("header nav")).not().containsText("食堂与终端");
            assertThat(page.locator("header nav")).not().containsText("批量导入");
            assertThat(page.locator("#subdistrict option")).hasCount(1);
            assertThat(page.locator("#subdistrict")).hasValue("海滨街道");
            b.screenshot("30-clerk-seniors-search");

            // an application on the senior's behalf
            page.locator("header nav a", new Page.LocatorOptions().setHasText("申请审核")).click();
            page.locator("#new-application").click();
            page.locator("#app-id-number").fill(idNumber);
            page.locator("#app-name").fill("孙秀英");
            assertThat(page.locator("#app-place option")).hasCount(1);
            page.locator("#app-route").selectOption("AGE_80_LOCAL");
            page.locator("#evidence-0").check();
            page.locator("#evidence-1").check();
            b.screenshot("31-clerk-new-application");
            page.locator("#submit-application").click();
            assertThat(page.locator("#notice")).hasText("申请已提交。");
            assertThat(page.locator("#app-state")).hasText("已提交");
            assertThat(page.locator("#app-id")).hasText(masked);
            assertFalse(page.content().contains(idNumber), "the application's page masks the ID number");
            // the core's verdict for today, the route claimed against the routes found, with every reason
            assertThat(page.locator("#claimed")).containsText("本市户籍80周岁及以上老年人");
            assertThat(page.locator("#claimed-verdict")).hasText("不符合");
            assertThat(page.locator("#review-reasons li").first()).isVisible();
            b.screenshot("32-clerk-application-submitted");

            page.locator("#start-review-go").click();
            assertThat(page.locator("#notice")).hasText("已开始审核。");
            assertThat(page.locator("#app-state")).hasText("审核中");
            // a refusal needs its reason: nothing changes without one
            page.locator("#refuse-go").click();
            assertThat(page.locator("#refuse .form-error")).containsText("理由");
            assertThat(page.locator("#app-state")).hasText("审核中");

            // approved with the 户口簿's local household and a card
            page.locator("#fact0-kind").selectOption("LOCAL_HOUSEHOLD");
            page.locator("#fact0-from").fill(birth);
            page.locator("#approve-card").fill(uid);
            b.screenshot("33-clerk-application-approve");
            page.locator("#approve-go").click();
            assertThat(page.locator("#notice")).hasText("申请已批准，老人已登记入册。");
            assertThat(page.locator("#app-state")).hasText("已批准");
            assertThat(page.locator("#claimed-verdict")).hasText("符合");
            b.screenshot("34-clerk-application-approved");
            page.locator("#senior-link").click();
            page.waitForURL(Pattern.compile(".*/register/seniors/\\d+$"));
            assertThat(page.locator("#senior-id")).hasText(masked);
            assertThat(page.locator("#verdict")).hasText("今天可以享受助餐补贴");
            assertThat(page.locator("#cards tbody tr")).hasCount(1);
            assertThat(page.locator("#cards .card-status")).hasText("有效");
            String seniorPage = page.url();

            // suspended: she enters an institution today
            page.locator("#fact-kind").selectOption("INSTITUTION_RESIDENCE");
            page.locator("#fact-from").fill(today.toString());
            page.locator("#add-fact-go").click();
            assertThat(page.locator("#notice")).hasText("已记录。");
            assertThat(page.locator("#verdict")).hasText("今天不能享受助餐补贴");
            assertThat(page.locator("#reasons")).containsText("已入住养老机构");
            b.screenshot("35-clerk-senior-suspended");

            // resumed: today is her last day there, so from tomorrow she is subsidised again
            Locator fact = page.locator("#facts tr", new Page.LocatorOptions().setHasText("入住养老机构"));
            fact.locator("input[name=lastDay]").fill(today.toString());
            fact.locator("button").click();
            assertThat(page.locator("#notice")).hasText("已设置最后一天。");
            assertThat(page.locator("#verdict")).hasText("今天不能享受助餐补贴");
            try {
                TestClock.current().advance(Duration.ofDays(1));
                page.reload();
                assertThat(page.locator("#verdict")).hasText("今天可以享受助餐补贴");
                b.screenshot("36-clerk-senior-resumed-next-day");
            } finally {
                TestClock.current().reset();
            }
            page.navigate(seniorPage);

            // the history tells each step, dated and attributed
            Locator history = page.locator("#history");
            for (String step : List.of("提交助餐申请（申请途径：本市户籍80周岁及以上老年人）", "开始审核助餐申请",
                    "批准助餐申请，自" + today + "起享受助餐补贴", "发卡：IC卡", "增加记录：入住养老机构，自" + today + "起",
                    "结束记录：入住养老机构，最后一天为" + today)) {
                assertThat(history).containsText(step);
            }
            assertThat(history).containsText(CLERK_HB);
            b.screenshot("37-clerk-senior-history");

            // a senior of 宝平街道 is not hers: not found, and not in her search
            com.microsoft.playwright.Response other = page.navigate(register + "/seniors/" + otherSenior);
            assertEquals(404, other.status());
            assertThat(page.locator("h1")).hasText("未找到");
            assertFalse(page.content().contains("宝平"), "nothing of the other 街镇");
            b.screenshot("38-clerk-other-subdistrict-not-found");
            page.navigate(register + "/seniors/" + otherSenior + "/card");
            assertThat(page.locator("h1")).hasText("未找到");
            // nor the canteens' pages
            assertEquals(403, page.navigate(register + "/canteens").status());
            assertEquals(403, page.navigate(register + "/imports").status());
        }
    }

    @Test
    void anAdministratorsImportWithPlantedErrorsWritesNothingAndTheFixedFileIsApplied() {
        String first = TestApi.idNumber(1941, true);
        String second = TestApi.idNumber(1941, false);
        String third = TestApi.idNumber(1942, true);
        char digit = first.charAt(17);
        String wrongCheck = first.substring(0, 17) + (digit == '1' ? '2' : '1');
        String future17 = "110101" + (TestClock.current().today().getYear() + 3) + "0101" + "123";
        String future = future17 + IdNumber.checkDigit(future17);
        String header = "身份证号码,姓名,联系电话,区,街镇,本市户籍起始日期\r\n";
        String broken = header
                + wrongCheck + ",导入甲,13812345678,宝坻区,海滨街道,1990-01-01\r\n"
                + future + ",导入乙,13812345678,宝坻区,海滨街道,1990-01-01\r\n"
                + third + ",导入丙,13812345678,宝坻区,海滨街,1990-01-01\r\n";
        String fixed = header
                + first + ",导入甲,13812345678,宝坻区,海滨街道,1990-01-01\r\n"
                + second + ",导入乙,13812345678,宝坻区,海滨街道,1990-01-01\r\n"
                + third + ",导入丙,13812345678,宝坻区,海滨街道,1990-01-01\r\n";
        try (PageBrowser b = new PageBrowser(1024, 600)) {
            Page page = b.page;
            b.signInAsAdministrator(register + "/imports");
            assertThat(page).hasURL(Pattern.compile(".*/register/imports$"));
            b.screenshot("40-imports-page");

            page.locator("#import-kind").selectOption("REGISTER");
            page.locator("#import-file").setInputFiles(new FilePayload("海滨街道名册-有误.csv", "text/csv",
                    broken.getBytes(StandardCharsets.UTF_8)));
            page.locator("#dry-run-go").click();
            assertThat(page.locator("#import-counts")).containsText("共 3 行");
            assertThat(page.locator("#import-counts")).containsText("有问题 3 行");
            assertThat(page.locator("#import-problems tr[data-code=INVALID_ID_NUMBER] td").first()).hasText("2");
            assertThat(page.locator("#import-problems tr[data-code=BIRTH_DATE_IN_FUTURE] td").first()).hasText("3");
            Locator unknown = page.locator("#import-problems tr[data-code=UNKNOWN_SUBDISTRICT]");
            assertThat(unknown.locator("td").first()).hasText("4");
            assertThat(unknown).containsText("街镇");
            assertThat(unknown).containsText("海滨街");
            assertThat(page.locator("#apply-go")).hasCount(0);
            assertThat(page.locator("#fix-first")).isVisible();
            assertThat(page.locator("#import-result")).isVisible();
            b.screenshot("41-imports-dry-run-problems");
            // nothing written
            for (String id : List.of(first, second, third)) {
                as(ADMIN).queryParam("q", id).get("/api/register/seniors").then().statusCode(200)
                        .body("total", org.hamcrest.Matchers.equalTo(0));
            }
            seniorsFound(b, List.of(first, second, third), 0);

            page.navigate(register + "/imports");
            page.locator("#import-kind").selectOption("REGISTER");
            page.locator("#import-file").setInputFiles(new FilePayload("海滨街道名册.csv", "text/csv",
                    fixed.getBytes(StandardCharsets.UTF_8)));
            page.locator("#dry-run-go").click();
            assertThat(page.locator("#import-counts")).containsText("可导入 3 行");
            assertThat(page.locator("#import-problems")).hasCount(0);
            b.screenshot("42-imports-dry-run-clean");
            page.locator("#apply-go").click();
            page.waitForURL(Pattern.compile(".*/register/imports\\?done=imported$"));
            assertThat(page.locator("#notice")).hasText("已导入。");
            Locator latest = page.locator("#past-imports tbody tr").first();
            assertThat(latest.locator(".mode")).hasText("已导入");
            assertThat(latest).containsText("新登记老人 3");
            b.screenshot("43-imports-applied");
            seniorsFound(b, List.of(first, second, third), 1);
        }
    }

    /**
     * Searches the register's page for each senior by the full ID number (the last four and the masked form are shared
     * by other test seniors); each found {@code expected} times.
     */
    private void seniorsFound(PageBrowser b, List<String> idNumbers, int expected) {
        for (String id : idNumbers) {
            b.page.navigate(register + "/seniors?subdistrict=海滨街道&q=" + id);
            assertThat(b.page.locator("#results tr", new Page.LocatorOptions()
                    .setHasText(IdNumber.parse(id).masked()))).hasCount(expected);
        }
    }
}
