package cn.laorenjia.settlement.till.service;

import cn.laorenjia.contract.till.TillRecordAnswer;
import cn.laorenjia.contract.till.TillSale;
import cn.laorenjia.contract.till.TillVoid;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.ledger.service.TransientFailures;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A counter's batch of till sales or voids, taken record by record, each in its own transaction: one record refused
 * (a lie, a mistake, a shift the central does not know) is answered REFUSED with its code and never blocks the
 * records after it, nor the counter's queue. Only a request that is malformed as a whole is refused as a whole.
 */
@ApplicationScoped
public class TillBatches {

    private final TillRecords records;

    public TillBatches(TillRecords records) {
        this.records = records;
    }

    public List<TillRecordAnswer> sales(TillRecords.Counter counter, List<TillSale> sales) {
        return each(sales, "sales", TillSale::saleId, sale -> records.sale(counter, sale));
    }

    public List<TillRecordAnswer> voids(TillRecords.Counter counter, List<TillVoid> voids) {
        return each(voids, "voids", TillVoid::voidId, v -> records.voidSale(counter, v));
    }

    private static <T> List<TillRecordAnswer> each(List<T> batch, String what, Function<T, UUID> idOf,
                                                   Function<T, TillRecordAnswer> take) {
        int max = TillRecordAnswer.MAX_RECORDS;
        if (batch == null || batch.isEmpty() || batch.size() > max) {
            throw new InvalidRequest("请求内容无效：须为 1 至 " + max + " 条记录的列表");
        }
        Set<UUID> seen = new HashSet<>();
        List<TillRecordAnswer> answers = new ArrayList<>(batch.size());
        for (T record : batch) {
            if (record == null) {
                throw new InvalidRequest("请求内容无效：" + what + " 中有空项（null）");
            }
            UUID id = idOf.apply(record);
            if (id != null && !seen.add(id)) {
                throw new InvalidRequest("请求内容无效：同一编号在一次上传中出现两次");
            }
            try {
                answers.add(TransientFailures.retry(() -> take.apply(record)));
            } catch (ApiException refused) {
                answers.add(TillRecordAnswer.refused(id, refused.code(), refused.messageZh()));
            }
        }
        return answers;
    }
}
