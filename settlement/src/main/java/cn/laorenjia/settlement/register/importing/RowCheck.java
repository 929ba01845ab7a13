package cn.laorenjia.settlement.register.importing;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one row so far. */
final class RowCheck {

    private final int row;
    private final List<RowProblem> problems = new ArrayList<>(2);

    RowCheck(int row) {
        this.row = row;
    }

    int row() {
        return row;
    }

    void add(Column column, ProblemCode code, String message) {
        problems.add(new RowProblem(row, column == null ? null : column.header(), code, message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    List<RowProblem> problems() {
        return problems;
    }
}
