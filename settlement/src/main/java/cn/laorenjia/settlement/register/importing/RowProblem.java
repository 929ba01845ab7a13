package cn.laorenjia.settlement.register.importing;

import java.util.Objects;

/**
 * One problem of one row: the row number as the spreadsheet shows it (the header is row 1), the column's header
 * (null when the row as a whole is at fault), a stable code and the Chinese message for the clerk.
 */
public record RowProblem(int row, String column, ProblemCode code, String message) {

    public RowProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
