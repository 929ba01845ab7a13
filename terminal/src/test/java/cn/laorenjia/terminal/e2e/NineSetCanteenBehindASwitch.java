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
import java.util.List;
import java.util.Map;

/**
 * The real central behind the switchable link ({@link SettlementBehindASwitch}) with one more canteen registered
 * through its admin API: 海滨街道's canteen copied under code {@value #CANTEEN} with a full menu of nine sets (every
 * shortcut 1–9 in use), their names as long as real menus write them. The counter works as its terminal.
 */
public class NineSetCanteenBehindASwitch extends SettlementBehindASwitch {

    public static final String CANTEEN = "BD-HB-96";
    static final String NINE_SET_TERMINAL = CANTEEN + "-T1";
    private static final String MODEL = "BD-HB-01";

    /**
     * Code, name, slot, and the price: {@code fixedFen} for a simple set below the standard price, else the standard
     * price plus {@code aboveStandardFen}.
     */
    private record Set(String code, String name, String slot, Long fixedFen, long aboveStandardFen) {
        long priceFen(long standardFen) {
            return fixedFen != null ? fixedFen : standardFen + aboveStandardFen;
        }
    }

    /** In the counter's order; some names say their meal (早餐标准套餐), some do not (素食简餐). */
    static final List<String> CODES = List.of("B01", "B02", "L01", "L02", "L03", "L04", "L05", "D01", "D02");
    private static final List<Set> MENU = List.of(
            new Set("B01", "早餐简餐（粥、鸡蛋、小菜）", "BREAKFAST", 600L, 0),
            new Set("B02", "早餐标准套餐", "BREAKFAST", null, 0),
            new Set("L01", "午餐标准套餐（两荤一素、米饭、汤）", "LUNCH", null, 0),
            new Set("L02", "午餐优选套餐（三荤一素、米饭、汤、水果）", "LUNCH", null, 300),
            new Set("L03", "素食简餐", "LUNCH", 900L, 0),
            new Set("L04", "软食套餐（适合牙口不好的老人）", "LUNCH", null, 0),
            new Set("L05", "清真套餐（牛羊肉两荤一素、米饭）", "LUNCH", null, 0),
            new Set("D01", "晚餐标准套餐", "DINNER", null, 0),
            new Set("D02", "晚餐简餐（面条或饺子）", "DINNER", 800L, 0));

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected Map.Entry<String, String> terminal(Central central) throws IOException, InterruptedException {
        JsonNode model = send(Central.asAdmin(central.uri().resolve("/api/register/canteens/" + MODEL), central.adminPassword()).GET(), 200);
        long standard = model.path("standardSetPriceFen").asLong();
        ObjectNode canteen = json.createObjectNode().put("code", CANTEEN).put("name", "海滨街道九套餐老人家食堂")
                .put("jurisdiction", model.path("jurisdiction").asText()).put("district", model.path("district").asText())
                .put("subdistrict", model.path("subdistrict").asText()).put("address", model.path("address").asText())
                .put("standardSetPriceFen", standard);
        ArrayNode menu = canteen.putArray("menu");
        for (Set set : MENU) {
            menu.addObject().put("code", set.code()).put("name", set.name()).put("slot", set.slot())
                    .put("priceFen", set.priceFen(standard));
        }
        canteen.putArray("terminals").addObject().put("code", NINE_SET_TERMINAL).put("name", "1号收银台");
        send(Central.asAdmin(central.uri().resolve("/api/register/canteens"), central.adminPassword())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(canteen))), 201);
        return Map.entry(NINE_SET_TERMINAL, central.rotateSecret(NINE_SET_TERMINAL));
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException("the central answered " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }
}
