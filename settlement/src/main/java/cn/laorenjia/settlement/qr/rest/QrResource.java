package cn.laorenjia.settlement.qr.rest;

import cn.laorenjia.contract.qr.QrPublicKeys;
import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.settlement.qr.QrCodes;
import cn.laorenjia.settlement.qr.QrConfig;
import cn.laorenjia.settlement.qr.QrKeys;
import cn.laorenjia.settlement.qr.SeniorCardImage;
import cn.laorenjia.settlement.register.entity.Senior;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Signed QR codes: the public keys terminals verify with, and codes and printable cards for seniors (a 街道 clerk's
 * only for the seniors of their 街镇: QrCodes asks the register's scope).
 */
@Path("/api/qr")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "qr", description = "助餐二维码 (signed QR codes for seniors)")
public class QrResource {

    private final QrKeys keys;
    private final QrConfig config;
    private final QrCodes codes;
    private final EntityManager em;

    public QrResource(QrKeys keys, QrConfig config, QrCodes codes, EntityManager em) {
        this.keys = keys;
        this.config = config;
        this.codes = codes;
        this.em = em;
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(summary = "验码公钥: the Ed25519 public keys (Base64 X.509) terminals verify codes with, offline too")
    public QrPublicKeys keys() {
        return new QrPublicKeys(List.of(new QrPublicKeys.Key(keys.keyId(), Ed25519Keys.ALGORITHM,
                        Ed25519Keys.publicKeyText(keys.publicKey()))),
                config.clockTolerance().toSeconds(), config.phoneCodeValidity().toSeconds());
    }

    @POST
    @Path("/seniors/{seniorId}/phone-code")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "签发手机助餐码: a short-lived code for the senior's phone, good for one sale")
    public QrCodes.IssuedCode phoneCode(@PathParam("seniorId") long seniorId) {
        return codes.issuePhoneCode(seniorId);
    }

    @POST
    @Path("/seniors/{seniorId}/printed-code")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Operation(summary = "签发纸质助餐码: the static code printed on the senior's card (identifies only; the cashier checks a second factor)")
    public QrCodes.IssuedCode printedCode(@PathParam("seniorId") long seniorId) {
        return codes.issuePrintedCode(seniorId);
    }

    @GET
    @Path("/seniors/{seniorId}/card.png")
    @Produces("image/png")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.CLERK})
    @Transactional
    @Operation(summary = "打印助餐卡 (PNG, 85.6×54 mm at 300 dpi): name, masked ID number, printed QR code")
    public byte[] card(@PathParam("seniorId") long seniorId) {
        QrCodes.IssuedCode code = codes.issuePrintedCode(seniorId);
        Senior senior = em.find(Senior.class, seniorId);
        return SeniorCardImage.png(senior.name, senior.parsedIdNumber().masked(), code.token());
    }
}
