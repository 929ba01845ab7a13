package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.settlement.audit.AuditAction;
import cn.laorenjia.settlement.audit.AuditLog;
import cn.laorenjia.settlement.audit.AuditLog.Subject;
import cn.laorenjia.settlement.error.ApiException;
import cn.laorenjia.settlement.error.ErrorCodes;
import cn.laorenjia.settlement.error.InvalidRequest;
import cn.laorenjia.settlement.register.entity.Subdistrict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The jurisdiction's list of 街镇 per district: a senior or canteen is placed only in an active 街镇 of its district
 * ({@link #requireKnown}), so "海滨街" (a typo of 海滨街道) never enters the register, the clerks' scoping or the
 * statements by 街镇. Administrators keep the list; every change is audited.
 */
@ApplicationScoped
public class Subdistricts {

    private static final Pattern SHORT_CODE = Pattern.compile("[A-Z0-9]{1,8}");

    private final AuditLog audit;
    private final Clock clock;

    public Subdistricts(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** One 街镇 as the API shows it. */
    public record SubdistrictView(long id, String district, String name, String shortCode, boolean active,
                                  String contactPhone) {
        static SubdistrictView of(Subdistrict s) {
            return new SubdistrictView(s.id, s.district, s.name, s.shortCode, s.active, s.contactPhone);
        }
    }

    /** What the sample data (or a bulk seeding) brings: a name and its short code. */
    public record Known(String name, String shortCode) {
    }

    /**
     * Refuses a 街镇 that is not an active one of the district's list: {@code UNKNOWN_SUBDISTRICT} (400) with
     * {@code details.field = "subdistrict"} and the district's active 街镇 in the message (the first few). Every way
     * into the register (API, applications, the bulk import) calls this. Joins the caller's transaction.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireKnown(String district, String subdistrict) {
        if (district == null || subdistrict == null
                || Subdistrict.count("district = ?1 and name = ?2 and active = true", district.strip(),
                subdistrict.strip()) == 0) {
            List<String> known = activeNames(district);
            String hint = known.isEmpty() ? "该区尚无街镇名单，请管理员先添加"
                    : "可选：" + String.join("、", known.subList(0, Math.min(8, known.size())))
                    + (known.size() > 8 ? "等" + known.size() + "个" : "");
            throw new ApiException(ErrorCodes.UNKNOWN_SUBDISTRICT,
                    "街镇 subdistrict「" + (subdistrict == null ? "" : subdistrict.strip()) + "」不在"
                            + (district == null ? "" : district.strip()) + "的街镇名单中（" + hint + "）",
                    Map.of("field", "subdistrict"));
        }
    }

    /** The active 街镇 names of a district, in the list's order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> activeNames(String district) {
        if (district == null) {
            return List.of();
        }
        return Subdistrict.<Subdistrict>list("district = ?1 and active = true order by id", district.strip())
                .stream().map(s -> s.name).toList();
    }

    /** The list, of one district or of all, deactivated ones included. */
    @Transactional
    public List<SubdistrictView> list(Optional<String> district) {
        List<Subdistrict> rows = district.filter(d -> !d.isBlank())
                .map(d -> Subdistrict.<Subdistrict>list("district = ?1 order by id", d.strip()))
                .orElseGet(() -> Subdistrict.list("order by district, id"));
        return rows.stream().map(SubdistrictView::of).toList();
    }

    /** Adds a 街镇 to a district's list (audited); the same (district, name) twice is {@code DUPLICATE_SUBDISTRICT}. */
    @Transactional
    public SubdistrictView add(String district, String name, String shortCode) {
        String d = DisplayName.of(DisplayName.Kind.DISTRICT, district).value();
        String n = DisplayName.of(DisplayName.Kind.SUBDISTRICT, name).value();
        String code = shortCode == null ? "" : shortCode.strip();
        if (!SHORT_CODE.matcher(code).matches()) {
            throw InvalidRequest.of("shortCode", "请求内容无效：简码 shortCode 须为1至8位大写字母或数字（如 HB）");
        }
        if (Subdistrict.count("district = ?1 and name = ?2", d, n) > 0) {
            throw new ApiException(ErrorCodes.DUPLICATE_SUBDISTRICT, "街镇名称 name 重复：" + d + "已有" + n,
                    Map.of("field", "name"));
        }
        Subdistrict s = insert(d, n, code);
        audit.record(AuditAction.SUBDISTRICT_ADDED, Subject.of("subdistrict", s.id), null,
                Map.of("district", d, "name", n, "shortCode", code));
        return SubdistrictView.of(s);
    }

    /** Deactivates (or activates again) a 街镇: those already placed there keep it; new entries are refused. */
    @Transactional
    public SubdistrictView setActive(long id, boolean active) {
        Subdistrict s = Subdistrict.findById(id);
        if (s == null) {
            throw new ApiException(ErrorCodes.SUBDISTRICT_NOT_FOUND, "未找到该街镇");
        }
        boolean before = s.active;
        s.active = active;
        audit.record(active ? AuditAction.SUBDISTRICT_ACTIVATED : AuditAction.SUBDISTRICT_DEACTIVATED,
                Subject.of("subdistrict", s.id), null, Map.of("district", s.district, "name", s.name,
                        "wasActive", before));
        return SubdistrictView.of(s);
    }

    /**
     * Puts every given 街镇 of the district on the list unless it is there already (a deactivated one stays
     * deactivated: an administrator's decision outlives a restart). Audited once, when anything was added.
     *
     * @return how many were added
     */
    @Transactional
    public int addMissing(String district, List<Known> known) {
        int added = 0;
        for (Known k : known) {
            if (Subdistrict.count("district = ?1 and name = ?2", district, k.name()) == 0) {
                insert(district, k.name(), k.shortCode());
                added++;
            }
        }
        if (added > 0) {
            audit.record(AuditAction.SUBDISTRICT_ADDED, Subject.of("district", district), null,
                    Map.of("district", district, "added", added));
        }
        return added;
    }

    /** Sets (or clears) the telephone the public page gives for this 街镇 (its 民政 office); audited. */
    @Transactional
    public SubdistrictView setContactPhone(long id, String phone) {
        Subdistrict s = Subdistrict.findById(id);
        if (s == null) {
            throw new ApiException(ErrorCodes.SUBDISTRICT_NOT_FOUND, "未找到该街镇");
        }
        String before = s.contactPhone;
        s.contactPhone = PublicContact.phone(phone, "contactPhone");
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("district", s.district);
        details.put("name", s.name);
        details.put("before", before);
        details.put("after", s.contactPhone);
        audit.record(AuditAction.SUBDISTRICT_CONTACT_CHANGED, Subject.of("subdistrict", s.id), null, details);
        return SubdistrictView.of(s);
    }

    private Subdistrict insert(String district, String name, String shortCode) {
        Subdistrict s = new Subdistrict();
        s.district = district;
        s.name = name;
        s.shortCode = shortCode;
        s.createdAt = clock.instant();
        s.createdBy = audit.currentActor().name();
        s.persist();
        return s;
    }
}
