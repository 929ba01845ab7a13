package cn.laorenjia.settlement.replay.service;

import java.util.Objects;

/**
 * One area's row. {@code code}: the 区 or 街镇 name for those levels (as the register spells them), the canteen's code
 * for a canteen; {@code district}/{@code subdistrict} place the row (subdistrict null for a 区 row).
 */
public record ReplayAreaRow(ReplayLevel level, String code, String nameZh, String district, String subdistrict,
                            ReplayComparison figures) {

    public ReplayAreaRow {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(district, "district");
        Objects.requireNonNull(figures, "figures");
    }
}
