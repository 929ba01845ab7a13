package cn.laorenjia.settlement.supervision.service;

import java.util.Comparator;
import java.util.function.Function;

/** How the canteen table of the roll-up may be sorted: a fixed list, each a column of the roll-up's query. */
public enum CanteenSort {
    CODE("代码", f -> f.code()),
    NAME("名称", f -> f.name()),
    MEALS("补贴餐次", f -> f.subsidisedMeals()),
    OWED("应付金额", f -> f.owed().fen()),
    TILL("全部售餐", f -> f.tillMeals()),
    SHARE("补贴占比", AreaFigures::subsidisedShare),
    MANUAL("手工查找占比", AreaFigures::manualShare),
    OFFLINE("离线占比", AreaFigures::offlineShare);

    private final String labelZh;
    private final Function<AreaFigures, Comparable<?>> key;

    CanteenSort(String labelZh, Function<AreaFigures, Comparable<?>> key) {
        this.labelZh = labelZh;
        this.key = key;
    }

    public String labelZh() {
        return labelZh;
    }

    /** The order of this sort: canteens without the figure (a share without a base) last, ties by code. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<AreaFigures> comparator(boolean descending) {
        Comparator<Comparable> natural = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<AreaFigures> byKey = Comparator.comparing(f -> (Comparable) key.apply(f),
                Comparator.nullsLast(natural));
        return byKey.thenComparing(AreaFigures::code);
    }

    /** The sort of a query parameter; {@link #MEALS} for anything else. */
    public static CanteenSort of(String value) {
        if (value != null) {
            for (CanteenSort s : values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
        }
        return MEALS;
    }
}
