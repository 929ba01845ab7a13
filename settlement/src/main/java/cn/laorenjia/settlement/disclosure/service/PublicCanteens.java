package cn.laorenjia.settlement.disclosure.service;

import cn.laorenjia.core.meal.MealSlot;
import cn.laorenjia.core.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What anyone may read about the canteens (信息公开): active canteens only, with their address, opening hours, menu
 * (active sets and prices), standard set price and whom to call. Nothing about seniors, meals or money owed is read
 * here at all. Every input is bounded (the page checks them before they arrive): one page of {@link #PAGE_SIZE}.
 */
@ApplicationScoped
public class PublicCanteens {

    public static final int PAGE_SIZE = 20;
    public static final int MAX_QUERY_LENGTH = 20;

    private final EntityManager em;

    public PublicCanteens(EntityManager em) {
        this.em = em;
    }

    /** A 区 and its 街镇 that have an active canteen: the page's filter. */
    public record Area(String district, List<String> subdistricts) {
    }

    public record MenuItem(String name, MealSlot slot, Money price) {
    }

    public record Listing(long id, String code, String name, String district, String subdistrict, String address,
                          Money standardSetPrice, String openingHours, String publicPhone, String subdistrictPhone,
                          List<MenuItem> menu) {
    }

    public record Page(long total, int page, int pages, List<Listing> canteens) {
    }

    /** Every 区 and 街镇 with an active canteen, in name order (a few hundred rows at most, from the index). */
    @Transactional
    public List<Area> areas() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select distinct district, subdistrict from canteen where active "
                + "order by district, subdistrict").getResultList();
        Map<String, List<String>> byDistrict = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byDistrict.computeIfAbsent((String) r[0], d -> new ArrayList<>()).add((String) r[1]);
        }
        return byDistrict.entrySet().stream().map(e -> new Area(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /**
     * One page of active canteens, by 区, 街镇 and code; {@code district}, {@code subdistrict} and {@code name} (a part
     * of the name) narrow it when given. A page past the end answers the last one.
     */
    @Transactional
    public Page find(String district, String subdistrict, String name, int page) {
        StringBuilder where = new StringBuilder(" from canteen c where c.active");
        Map<String, Object> params = new HashMap<>();
        if (district != null) {
            where.append(" and c.district = :district");
            params.put("district", district);
        }
        if (subdistrict != null) {
            where.append(" and c.subdistrict = :subdistrict");
            params.put("subdistrict", subdistrict);
        }
        if (name != null) {
            where.append(" and strpos(c.name, :name) > 0");
            params.put("name", name);
        }
        Query count = em.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(page, 0), pages - 1);
        Query rows = em.createNativeQuery("select c.id, c.code, c.name, c.district, c.subdistrict, c.address, "
                + "c.standard_set_price_fen, c.opening_hours, c.public_phone, "
                + "(select s.contact_phone from subdistrict s where s.district = c.district and s.name = c.subdistrict)"
                + where + " order by c.district, c.subdistrict, c.code limit :limit offset :offset");
        params.forEach(rows::setParameter);
        rows.setParameter("limit", PAGE_SIZE).setParameter("offset", p * PAGE_SIZE);
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        Map<Long, List<MenuItem>> menus = menus(found.stream().map(r -> ((Number) r[0]).longValue()).toList());
        List<Listing> listings = found.stream().map(r -> {
            long id = ((Number) r[0]).longValue();
            return new Listing(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    Money.ofFen(((Number) r[6]).longValue()), (String) r[7], (String) r[8], (String) r[9],
                    menus.getOrDefault(id, List.of()));
        }).toList();
        return new Page(total, p, pages, listings);
    }

    /** The active sets of these canteens, breakfast to dinner, cheaper first: one query for the page. */
    private Map<Long, List<MenuItem>> menus(List<Long> canteenIds) {
        Map<Long, List<MenuItem>> menus = new HashMap<>();
        if (canteenIds.isEmpty()) {
            return menus;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select canteen_id, name, slot, price_fen from meal_set "
                        + "where active and canteen_id in (:ids) order by canteen_id, price_fen, name")
                .setParameter("ids", canteenIds).getResultList();
        for (Object[] r : rows) {
            menus.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new MenuItem((String) r[1],
                    MealSlot.valueOf((String) r[2]), Money.ofFen(((Number) r[3]).longValue())));
        }
        menus.values().forEach(list -> list.sort((a, b) -> a.slot().compareTo(b.slot())));
        return menus;
    }
}
