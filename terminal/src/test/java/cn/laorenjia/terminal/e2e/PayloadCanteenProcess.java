package cn.laorenjia.terminal.e2e;

import cn.laorenjia.terminal.testing.Central;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The real central of {@link SettlementProcess} with one more canteen registered through its admin API: 海滨街道's
 * canteen copied under code {@value #CANTEEN}, but its name and its meal sets' names carry an HTML payload that
 * would set {@code window.__xss} if a page ever built HTML from them. The counter works as its terminal.
 */
public class PayloadCanteenProcess extends SettlementProcess {

    public static final String PAYLOAD = "<img src=x onerror=\"window.__xss=1\">";
    public static final String CANTEEN = "BD-HB-97";
    public static final String CANTEEN_NAME = "海滨" + PAYLOAD + "食堂";
    public static final String SET_PREFIX = PAYLOAD + "套餐";
    static final String PAYLOAD_TERMINAL = CANTEEN + "-T1";
    private static final String MODEL = "BD-HB-01";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected Map.Entry<String, String> terminal(Central central) throws IOException, InterruptedException {
        JsonNode model = send(Central.asAdmin(central.uri().resolve("/api/register/canteens/" + MODEL), central.adminPassword()).GET(), 200);
        ObjectNode canteen = json.createObjectNode().put("code", CANTEEN).put("name", CANTEEN_NAME)
                .put("jurisdiction", model.path("jurisdiction").asText()).put("district", model.path("district").asText())
                .put("subdistrict", model.path("subdistrict").asText()).put("address", model.path("address").asText())
                .put("standardSetPriceFen", model.path("standardSetPriceFen").asLong());
        ArrayNode menu = canteen.putArray("menu");
        for (JsonNode set : model.path("menu")) {
            if (set.path("active").asBoolean()) {
                menu.addObject().put("code", set.path("code").asText()).put("name", SET_PREFIX + set.path("name").asText())
                        .put("slot", set.path("slot").asText()).put("priceFen", set.path("priceFen").asLong());
            }
        }
        canteen.putArray("terminals").addObject().put("code", PAYLOAD_TERMINAL).put("name", PAYLOAD + "收银台");
        send(Central.asAdmin(central.uri().resolve("/api/register/canteens"), central.adminPassword())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(canteen))), 201);
        return Map.entry(PAYLOAD_TERMINAL, central.rotateSecret(PAYLOAD_TERMINAL));
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException("the central answered " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }
}
