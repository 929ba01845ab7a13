package cn.laorenjia.terminal.receipt;

import cn.laorenjia.terminal.app.TerminalConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A sale's receipt: as JSON for the printable page (/receipt.html?sale=…), or as ESC/POS bytes for a thermal printer. */
@Path("/api/receipts/{saleId}")
public class ReceiptResource {

    private final ReceiptStore receipts;
    private final TerminalConfig config;

    public ReceiptResource(ReceiptStore receipts, TerminalConfig config) {
        this.receipts = receipts;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Receipt receipt(@PathParam("saleId") String saleId) {
        return receipts.find(saleId).orElseThrow(() -> new NotFoundException("no receipt " + saleId));
    }

    @GET
    @Path("/escpos")
    @Produces("application/vnd.escpos")
    public Response escPos(@PathParam("saleId") String saleId) {
        byte[] bytes = ReceiptPrinter.escPos(receipt(saleId), config.receipt().lineWidth());
        return Response.ok(bytes).header("Content-Disposition", "attachment; filename=\"receipt-" + saleId + ".bin\"")
                .build();
    }
}
