package cn.laorenjia.contract.counter;

import cn.laorenjia.contract.meal.IdentificationRequest;
import com.fasterxml.jackson.annotation.JsonInclude;

/** POST /api/counter/preview: identify the senior and decide the set, nothing recorded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewRequest(IdentificationRequest identification, String mealSetCode) {
}
