package cn.laorenjia.contract.offline;

import java.util.List;

/**
 * POST /api/meals/offline: at most {@link #MAX_SALES} queued sales, in the order the counter made them; the
 * central answers one {@link OfflineSaleResult} per sale, in the same order.
 */
public record OfflineSyncRequest(List<OfflineSaleRequest> sales) {

    public static final int MAX_SALES = 200;
}
