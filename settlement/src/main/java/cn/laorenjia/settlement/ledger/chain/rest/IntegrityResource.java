package cn.laorenjia.settlement.ledger.chain.rest;

import cn.laorenjia.settlement.ledger.chain.ChainVerification;
import cn.laorenjia.settlement.ledger.chain.LedgerVerifier;
import cn.laorenjia.settlement.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger's integrity, for administrators: the whole hash chain verified on request. */
@Path("/api/integrity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "integrity", description = "台账校验 (ledger hash chain verification)")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
@APIResponse(responseCode = "403", description = "FORBIDDEN")
public class IntegrityResource {

    private final LedgerVerifier verifier;

    public IntegrityResource(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/ledger")
    @RolesAllowed(Roles.ADMINISTRATOR)
    @Operation(summary = "校验整条台账链 (walk the whole ledger hash chain; names the first entry that no longer matches)")
    @APIResponse(responseCode = "200", description = "the verification: intact, or the problems found, first one first")
    public ChainVerification ledger() {
        return verifier.verify();
    }
}
