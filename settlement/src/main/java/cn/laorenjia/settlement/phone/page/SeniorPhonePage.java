package cn.laorenjia.settlement.phone.page;

import cn.laorenjia.core.money.Money;
import cn.laorenjia.settlement.disclosure.service.PublicCanteens;
import cn.laorenjia.settlement.phone.service.PhoneConfig;
import cn.laorenjia.settlement.phone.service.SeniorPhones;
import cn.laorenjia.settlement.phone.service.SeniorPhones.BoundDevice;
import cn.laorenjia.settlement.qr.QrCodes;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the senior's phone page shows, read for one bound device: the masked name and meals left (SeniorPhones), the
 * last meals from the ledger, the canteens of the senior's 街镇 and then 区 (the public canteen data, PublicCanteens),
 * the senior's devices; and a meal code with its QR modules, which the page's script draws on a canvas (no image URL:
 * the page shows the last code again offline, and the Content-Security-Policy allows no data: images).
 */
@ApplicationScoped
public class SeniorPhonePage {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SeniorPhones phones;
    private final PublicCanteens canteens;
    private final EntityManager em;
    private final PhoneConfig config;
    private final Clock clock;

    public SeniorPhonePage(SeniorPhones phones, PublicCanteens canteens, EntityManager em, PhoneConfig config,
                           Clock clock) {
        this.phones = phones;
        this.canteens = canteens;
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @TemplateData
    public record Meal(String date, String canteen, String paid, String discount) {
    }

    @TemplateData
    public record MenuLine(String slot, String name, String price) {
    }

    @TemplateData
    public record Canteen(String name, String area, String address, String openingHours, String phone,
                          String standardPrice, boolean sameSubdistrict, List<MenuLine> menu) {
    }

    @TemplateData
    public record DeviceLine(long id, String name, String since, String lastUsed, boolean active, boolean thisDevice) {
    }

    @TemplateData
    public record Home(String maskedName, boolean codesAllowed, Integer remainingThisWeek, Integer remainingToday,
                       String speech, List<Meal> meals, List<Canteen> canteens, List<DeviceLine> devices,
                       long thisDevice, long codeValiditySeconds) {
    }

    /** A meal code for the phone: the token, its QR modules, and how long it is good for by the service's clock. */
    public record Code(String token, int size, List<String> modules, Instant issuedAt, Instant expiresAt,
                       Instant serverNow, long validForSeconds, Integer remainingThisWeek, Integer remainingToday,
                       String speech) {
    }

    @Transactional
    public Home home(BoundDevice device, long codeValiditySeconds) {
        SeniorPhones.Standing standing = phones.standing(device);
        return new Home(standing.maskedName(), standing.codesAllowed(), standing.remainingThisWeek(),
                standing.remainingToday(), speech(standing), meals(device.seniorId()), nearby(phones.area(device)),
                devices(device), device.deviceId(), codeValiditySeconds);
    }

    @Transactional
    public Code code(BoundDevice device) {
        QrCodes.IssuedCode issued = phones.issueCode(device);
        SeniorPhones.Standing standing = phones.standing(device);
        Instant now = clock.instant();
        Modules m = modules(issued.token());
        return new Code(issued.token(), m.size(), m.rows(), issued.issuedAt(), issued.expiresAt(), now,
                Math.max(0, Duration.between(now, issued.expiresAt()).toSeconds()), standing.remainingThisWeek(),
                standing.remainingToday(), speech(standing));
    }

    public List<DeviceLine> devices(BoundDevice device) {
        return phones.devicesForPhone(device).stream().map(d -> new DeviceLine(d.id(), d.name(), minute(d.createdAt()),
                d.lastUsedAt() == null ? "未使用" : minute(d.lastUsedAt()), d.active(), d.id() == device.deviceId()))
                .toList();
    }

    /** What the 读出来 button says. */
    static String speech(SeniorPhones.Standing s) {
        if (s.remainingThisWeek() == null) {
            return "暂时查不到本周还剩几次";
        }
        return "本周还剩" + s.remainingThisWeek() + "次，今天还剩" + s.remainingToday() + "次";
    }

    /** The senior's last sales that were not voided, newest first. */
    private List<Meal> meals(long seniorId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select e.meal_date, c.name, e.paid_fen, e.discount_fen from meal_entry e
                        join canteen c on c.id = e.canteen_id
                        where e.senior_id = ?1 and e.entry_type = 'SALE'
                          and not exists (select 1 from meal_entry v where v.reverses_entry_id = e.entry_id)
                        order by e.occurred_at desc, e.seq desc limit ?2""")
                .setParameter(1, seniorId).setParameter(2, config.lastMeals()).getResultList();
        return rows.stream().map(r -> new Meal(date(r[0]).format(DAY), (String) r[1],
                Money.ofFen(((Number) r[2]).longValue()).toYuanString(),
                Money.ofFen(((Number) r[3]).longValue()).toYuanString())).toList();
    }

    /** No coordinates in the register: the canteens of the senior's own 街镇 first, then the rest of the 区. */
    private List<Canteen> nearby(String[] area) {
        int wanted = config.nearbyCanteens();
        List<Canteen> list = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (PublicCanteens.Listing l : canteens.find(area[0], area[1], null, 0).canteens()) {
            if (list.size() < wanted) {
                list.add(canteen(l, true));
                seen.add(l.id());
            }
        }
        for (PublicCanteens.Listing l : canteens.find(area[0], null, null, 0).canteens()) {
            if (list.size() < wanted && !seen.contains(l.id())) {
                list.add(canteen(l, false));
            }
        }
        return list;
    }

    private static Canteen canteen(PublicCanteens.Listing l, boolean same) {
        return new Canteen(l.name(), l.district() + " " + l.subdistrict(), l.address() == null ? "未登记" : l.address(),
                l.openingHours() == null ? "未登记" : l.openingHours(),
                l.publicPhone() != null ? l.publicPhone() : l.subdistrictPhone(), l.standardSetPrice().toYuanString(),
                same, l.menu().stream().map(m -> new MenuLine(m.slot().labelZh(), m.name(), m.price().toYuanString()))
                .toList());
    }

    public record Modules(int size, List<String> rows) {
    }

    /** The QR code's modules, a row a string of 0 and 1, without the quiet zone (the page draws it). */
    public static Modules modules(String text) {
        try {
            ByteMatrix m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
            List<String> rows = new ArrayList<>(m.getHeight());
            for (int y = 0; y < m.getHeight(); y++) {
                StringBuilder row = new StringBuilder(m.getWidth());
                for (int x = 0; x < m.getWidth(); x++) {
                    row.append(m.get(x, y) == 1 ? '1' : '0');
                }
                rows.add(row.toString());
            }
            return new Modules(m.getWidth(), rows);
        } catch (WriterException e) {
            throw new IllegalStateException("cannot encode a QR code", e);
        }
    }

    private static String minute(Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(SHANGHAI));
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) value).toLocalDate();
    }
}
