package cn.laorenjia.settlement.ledger.chain;

/**
 * The last link of the ledger chain: its position and hash (64 hex digits). Position 0 with the zero hash is the
 * empty chain. Printed on confirmed statements as 台账校验值: anyone holding a printed head can later ask whether
 * the ledger still leads to it.
 */
public record ChainHead(long position, String hash) {

    public static final ChainHead EMPTY = new ChainHead(0, EntryEncoding.hex(EntryEncoding.ZERO_HASH));

    /** As printed: "position:hash". */
    public String printed() {
        return position + ":" + hash;
    }
}
