package cn.laorenjia.settlement.register.service;

import cn.laorenjia.core.policy.EligibilityRoute;
import cn.laorenjia.core.register.DisplayName;
import cn.laorenjia.core.senior.IdNumber;
import cn.laorenjia.core.senior.PersonName;
import cn.laorenjia.core.senior.PhoneNumber;
import cn.laorenjia.settlement.error.InvalidRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An application for the meal subsidy as submitted: the applicant's identity, the route claimed and the documents the
 * clerk saw (户口簿, 低保证, 残疾证, ... — a list of what was checked, no uploads).
 *
 * @param submissionId the client's idempotency key: the same submission sent again answers the stored application
 * @param onBehalf     true when a clerk applies on the senior's behalf, false when the senior applies in person
 */
public record NewApplication(UUID submissionId, IdNumber idNumber, String name, String phone, String district,
                             String subdistrict, EligibilityRoute route, List<String> evidence, boolean onBehalf) {

    public static final int MAX_EVIDENCE = 20;
    public static final int MAX_EVIDENCE_LENGTH = 50;

    public NewApplication {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(idNumber, "idNumber");
        if (route == null) {
            throw InvalidRequest.missing("route");
        }
        name = PersonName.requireValid(name);
        phone = PhoneNumber.optional(phone).map(PhoneNumber::value).orElse(null);
        district = DisplayName.of(DisplayName.Kind.DISTRICT, district).value();
        subdistrict = DisplayName.of(DisplayName.Kind.SUBDISTRICT, subdistrict).value();
        LinkedHashSet<String> documents = new LinkedHashSet<>();
        for (String item : evidence == null ? List.<String>of() : evidence) {
            String document = item == null ? "" : item.strip();
            if (document.isEmpty()) {
                throw InvalidRequest.of("evidence", "所见材料 evidence 中有空项");
            }
            if (document.codePointCount(0, document.length()) > MAX_EVIDENCE_LENGTH
                    || document.codePoints().anyMatch(c -> Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT)) {
                throw InvalidRequest.of("evidence", "所见材料每项最多" + MAX_EVIDENCE_LENGTH + "个字，且不含控制字符");
            }
            documents.add(document);
        }
        if (documents.isEmpty()) {
            throw InvalidRequest.of("evidence", "请列出核验过的材料 evidence（如 户口簿、低保证）");
        }
        if (documents.size() > MAX_EVIDENCE) {
            throw InvalidRequest.of("evidence", "所见材料最多" + MAX_EVIDENCE + "项");
        }
        evidence = List.copyOf(documents);
    }
}
