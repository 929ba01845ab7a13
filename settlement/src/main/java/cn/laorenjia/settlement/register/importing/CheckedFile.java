package cn.laorenjia.settlement.register.importing;

import cn.laorenjia.core.senior.Fact;
import cn.laorenjia.settlement.register.service.NewSenior;

import java.time.LocalDate;
import java.util.List;

/**
 * A file checked row by row, and what importing it would write. Nothing here has touched the register: an apply
 * checks the file again against the register as it is then, and writes the plan only when no row has a problem.
 */
record CheckedFile(ImportTable table, List<RowResult> results, List<NewSenior> seniors, List<FactEnd> ends,
                   List<FactAdd> adds) {

    enum Outcome {
        /** Would be (or was) written. */
        OK("可导入", "已导入"),
        /** Already so in the register: nothing to write (a change list sent twice). */
        UNCHANGED("无变化（登记册中已有）", "无变化（登记册中已有）"),
        PROBLEM("有问题", "有问题");

        private final String dryRunZh;
        private final String appliedZh;

        Outcome(String dryRunZh, String appliedZh) {
            this.dryRunZh = dryRunZh;
            this.appliedZh = appliedZh;
        }

        String labelZh(boolean applied) {
            return applied ? appliedZh : dryRunZh;
        }
    }

    record RowResult(ImportTable.Row row, Outcome outcome, List<RowProblem> problems) {
    }

    /** A fact of the register that ends: from {@code endOn} it no longer holds. */
    record FactEnd(long factId, LocalDate endOn) {
    }

    /** A fact added to a senior of the register. */
    record FactAdd(long seniorId, Fact fact) {
    }

    long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    int problemCount() {
        return results.stream().mapToInt(r -> r.problems().size()).sum();
    }
}
