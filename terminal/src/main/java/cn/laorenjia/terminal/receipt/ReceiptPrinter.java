package cn.laorenjia.terminal.receipt;

import java.time.format.DateTimeFormatter;

/** Lays a receipt out for a thermal printer as ESC/POS bytes. */
public final class ReceiptPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ReceiptPrinter() {
    }

    /** @param width printer columns in the normal font (32 on 58 mm paper, 48 on 80 mm) */
    public static byte[] escPos(Receipt r, int width) {
        EscPos p = new EscPos()
                .align(EscPos.Align.CENTER).bold(true).doubleSize(true).line(r.canteenName()).doubleSize(false)
                .line(r.voided() ? "助餐消费小票（已撤销）" : "助餐消费小票").bold(false)
                .align(EscPos.Align.LEFT).rule(width)
                .columns("时间", TIME.format(r.time()), width)
                .columns("终端", r.terminalCode(), width)
                .columns("老人", r.seniorNameMasked(), width)
                .columns("证件", r.idNumberMasked(), width)
                .rule(width)
                .columns(r.setName(), r.price() + "元", width)
                .columns("助餐补贴减免", "-" + r.discount() + "元", width)
                .bold(true).doubleSize(true).line("实付 " + r.amountToPay() + "元").doubleSize(false).bold(false)
                .rule(width)
                .columns("本周剩余补贴次数", r.remainingThisWeek() + "次", width)
                .line("单号 " + r.saleId())
                .align(EscPos.Align.CENTER).line("谢谢惠顾 祝您健康")
                .feed(3).cut();
        return p.toBytes();
    }
}
