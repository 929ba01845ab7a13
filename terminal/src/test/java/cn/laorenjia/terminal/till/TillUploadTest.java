package cn.laorenjia.terminal.till;

import cn.laorenjia.terminal.settlement.SettlementException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which answers of the central take a till record off the queue. (The upload against the central's till endpoints is
 * tested end to end once they are merged: they come with another branch.)
 */
class TillUploadTest {

    @Test
    void onlyTheCentralsRefusalOfTheRecordIsFinal() {
        assertTrue(TillUpload.isFinal(new SettlementException(400, "TILL_RECORD_INVALID", "记录不正确", null)));
        assertTrue(TillUpload.isFinal(new SettlementException(409, "TILL_SHIFT_CLOSED", "班次已交班", null)));
        // no answer, a server error, an unknown path (a central not yet updated), throttling: tried again later
        assertFalse(TillUpload.isFinal(SettlementException.unreachable(null)));
        assertFalse(TillUpload.isFinal(new SettlementException(503, "UNAVAILABLE", "稍后再试", null)));
        assertFalse(TillUpload.isFinal(new SettlementException(404, "NOT_FOUND", "无此路径", null)));
        assertFalse(TillUpload.isFinal(new SettlementException(429, "TOO_MANY", "请求过多", null)));
        assertFalse(TillUpload.isFinal(new SettlementException(401, "TERMINAL_UNAUTHORISED", "终端未认证", null)));
        assertFalse(TillUpload.isFinal(SettlementException.badAnswer(200)));
    }
}
