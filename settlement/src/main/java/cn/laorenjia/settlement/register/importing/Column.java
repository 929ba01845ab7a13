package cn.laorenjia.settlement.register.importing;

import java.util.Arrays;
import java.util.List;

/**
 * The columns of the two templates, by the headers 民政 uses. A header may carry a trailing "*" (required, as the
 * template marks it) or a note in brackets ("截止日期（含当日）"); columns of other names (序号, 备注 ...) are ignored.
 * The order in the file does not matter.
 */
public enum Column {
    // both kinds
    ID_NUMBER("身份证号码", true, "18位居民身份证号码，末位可为X"),
    NAME("姓名", true, "与身份证一致"),
    // the register
    PHONE("联系电话", false, "11位手机号或带区号的固定电话，如 022-29241234"),
    DISTRICT("区", true, "如 宝坻区"),
    SUBDISTRICT("街镇", true, "街道或乡镇，如 海滨街道"),
    LOCAL_HOUSEHOLD_FROM("本市户籍起始日期", false, "本市户籍自何日起（不知道时可填出生日期）"),
    VISITING_CARE("探访关爱类别", false, "孤寡、独居、空巢、留守、失能、重残、计划生育特殊家庭；多个用顿号分隔"),
    VISITING_CARE_FROM("探访关爱起始日期", false, "填写探访关爱类别时必填"),
    HOME_CARE_SUBSIDY_FROM("居家养老补贴起始日期", false, "享受居家养老服务（护理）补贴自何日起"),
    LOW_INCOME("低保类别", false, "低保 或 低保边缘"),
    LOW_INCOME_FROM("低保起始日期", false, "填写低保类别时必填"),
    DISABILITY("失能等级", false, "能力完好、轻度失能、中度失能、重度失能、完全失能"),
    DISABILITY_FROM("失能等级评定日期", false, "填写失能等级时必填"),
    HARDSHIP_GRADE("困难残疾人补贴残疾等级", false, "1、2、3 或 4（一级最重）"),
    HARDSHIP_FROM("困难残疾人补贴起始日期", false, "填写残疾等级时必填"),
    ENROLMENT("助餐登记状态", false, "已申请 或 已批准；空表示未申请"),
    ENROLMENT_FROM("助餐登记日期", false, "填写登记状态时必填"),
    CARD_KIND("卡类型", false, "社保卡、IC卡（卡片UID）或 纸质二维码"),
    CARD_NUMBER("卡号", false, "社保卡9位卡号；IC卡8、14或20位十六进制UID"),
    CARD_ISSUED_ON("发卡日期", false, "不填为导入当日"),
    // change lists
    CHANGE_TYPE("变更类型", true, "死亡、入住养老机构、离开养老机构、集中供养、结束集中供养、低保、取消低保、失能等级、"
            + "困难残疾人生活补贴、取消困难残疾人生活补贴"),
    EFFECTIVE_ON("生效日期", true, "自该日起生效（死亡为死亡日期；离开、取消为自该日起不再享受）"),
    VALUE("值", false, "低保：低保/低保边缘；失能等级：如 重度失能；困难残疾人生活补贴：残疾等级1-4；其余不填"),
    LAST_DAY("截止日期", false, "可不填；填写时为最后一天（含当日），如入住养老机构至某日");

    private final String header;
    private final boolean required;
    private final String hintZh;

    Column(String header, boolean required, String hintZh) {
        this.header = header;
        this.required = required;
        this.hintZh = hintZh;
    }

    public String header() {
        return header;
    }

    public boolean required() {
        return required;
    }

    public String hintZh() {
        return hintZh;
    }

    /** The columns of a kind's template, in the template's order. */
    public static List<Column> of(ImportKind kind) {
        return switch (kind) {
            case REGISTER -> Arrays.stream(values()).filter(c -> c.ordinal() <= CARD_ISSUED_ON.ordinal()).toList();
            case CHANGES -> List.of(ID_NUMBER, NAME, CHANGE_TYPE, EFFECTIVE_ON, VALUE, LAST_DAY);
        };
    }

    /** A header as written in a file, without the template's marks: "姓名*" and " 姓名 " are 姓名. */
    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String h = header.replace("\uFEFF", "").replace('\u3000', ' ').strip();
        int bracket = indexOfAny(h, '（', '(');
        if (bracket > 0) {
            h = h.substring(0, bracket).strip();
        }
        while (h.endsWith("*") || h.endsWith("＊")) {
            h = h.substring(0, h.length() - 1).strip();
        }
        return h;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
