package cn.laorenjia.terminal.settlement;

import cn.laorenjia.contract.error.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * A refusal of the central, as it wrote it: its {@link ApiError} body's stable code and Chinese message become a
 * {@link SettlementException}. A refusal without that body (a proxy's page, an empty 502) keeps only its status:
 * SETTLEMENT_HTTP_&lt;status&gt;.
 */
public class CentralErrors implements ResponseExceptionMapper<SettlementException> {

    @Override
    public SettlementException toThrowable(Response response) {
        int status = response.getStatus();
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            try {
                ApiError body = response.readEntity(ApiError.class);
                if (body != null) {
                    return new SettlementException(status, body.code(), body.message(), body.details());
                }
            } catch (RuntimeException notTheErrorBody) {
                // JSON, but not the central's error body: answered by status below
            }
        }
        return SettlementException.httpStatus(status);
    }
}
