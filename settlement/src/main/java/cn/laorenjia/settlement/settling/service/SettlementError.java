package cn.laorenjia.settlement.settling.service;

import cn.laorenjia.settlement.error.ApiException;

/**
 * Settlement's stable error codes with the Chinese message a finance user or administrator reads; their HTTP
 * statuses are the REST edge's: {@link cn.laorenjia.settlement.error.ErrorCatalogue}.
 */
public enum SettlementError {
    SETTLEMENT_RUNNING("另一个结算任务正在运行，请稍后再试"),
    SETTLEMENT_RANGE_INVALID("结算日期范围无效：开始日期不能晚于结束日期"),
    SETTLEMENT_RANGE_TOO_LONG("一次最多结算 400 天"),
    SETTLEMENT_DAY_NOT_OVER("只能结算已经结束的日期（北京时间昨天及以前）"),
    INVALID_MONTH("月份格式应为 YYYY-MM，例如 2026-10"),
    INVALID_STATEMENT_QUERY("结算单查询条件无效"),
    UNKNOWN_STATEMENT("未找到该结算单"),
    STATEMENT_CONFIRMED("该结算单已确认，不能再修改；更正将作为调整项列入下一期结算单"),
    STATEMENT_NOT_RECONCILED("结算单与台账不一致，不能确认，请先重新结算"),
    PDF_FONT_MISSING("中文字体无法读取，无法生成 PDF。请检查安装包是否完整（内置字体 fonts/wqy-microhei.ttc），或设置 laorenjia.exports.cjk-font 指向一个 .ttf/.ttc 字体文件");

    private final String messageZh;

    SettlementError(String messageZh) {
        this.messageZh = messageZh;
    }

    public ApiException exception() {
        return new ApiException(name(), messageZh);
    }

    public ApiException exception(String specificMessageZh) {
        return new ApiException(name(), specificMessageZh);
    }
}
