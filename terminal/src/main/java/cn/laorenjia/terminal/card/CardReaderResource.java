package cn.laorenjia.terminal.card;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** For the cashier page: is a reader there, and what went wrong last. */
@Path("/api/card-reader")
public class CardReaderResource {

    private final CardReaderLoop reader;

    public CardReaderResource(CardReaderLoop reader) {
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CardReaderStatus status() {
        return reader.status();
    }
}
