package cn.laorenjia.settlement.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A person as administrators see them: never the password hash. */
public record PersonView(String username, String displayName, List<String> roles, String canteenCode, boolean active,
                         boolean hasPassword, Instant createdAt,
                         @Schema(description = "a clerk's 区; null for other roles") String district,
                         @Schema(description = "a clerk's 街镇; null for other roles") String subdistrict) {

    static PersonView of(Person p, String canteenCode) {
        return new PersonView(p.username, p.displayName, List.of(p.roles), canteenCode, p.active,
                p.passwordHash != null, p.createdAt, p.district, p.subdistrict);
    }
}
