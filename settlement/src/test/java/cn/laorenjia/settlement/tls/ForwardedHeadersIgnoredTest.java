package cn.laorenjia.settlement.tls;

import cn.laorenjia.settlement.security.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static cn.laorenjia.settlement.security.TestApi.ADMIN;
import static cn.laorenjia.settlement.security.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Not behind a proxy (the default): a client cannot claim another address with X-Forwarded-For. */
@QuarkusTest
class ForwardedHeadersIgnoredTest {

    @Test
    void aForgedForwardedAddressIsIgnored() {
        String username = TestApi.unique("forged").toLowerCase();
        given().header("X-Forwarded-For", "203.0.113.7")
                .auth().preemptive().basic(username, "wrong-password").get("/api/security/me").then().statusCode(401);
        as(ADMIN).queryParam("actor", username).queryParam("action", "SIGN_IN_FAILED").get("/api/audit").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].address", equalTo("127.0.0.1"));
    }
}
