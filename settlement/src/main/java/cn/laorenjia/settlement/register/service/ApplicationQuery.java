package cn.laorenjia.settlement.register.service;

import cn.laorenjia.settlement.register.entity.EnrolmentApplication;

import java.util.Optional;

/** A search of the applications; a clerk's scope narrows it further to their own 街镇. */
public record ApplicationQuery(Optional<EnrolmentApplication.State> state, String district, String subdistrict,
                               int offset, int limit) {

    public ApplicationQuery {
        state = state == null ? Optional.empty() : state;
        district = district == null || district.isBlank() ? null : district.strip();
        subdistrict = subdistrict == null || subdistrict.isBlank() ? null : subdistrict.strip();
        if (offset < 0 || limit < 1 || limit > SeniorQuery.MAX_LIMIT) {
            throw new cn.laorenjia.settlement.error.InvalidRequest("分页参数无效：offset ≥ 0，limit 为 1 至 200");
        }
    }
}
