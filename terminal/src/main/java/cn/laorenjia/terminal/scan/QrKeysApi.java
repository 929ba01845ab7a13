package cn.laorenjia.terminal.scan;

import cn.laorenjia.contract.qr.QrPublicKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The central's public QR keys (no sign-in: a counter not yet configured verifies codes too). */
@Path("/api/qr/keys")
public interface QrKeysApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    QrPublicKeys keys();
}
