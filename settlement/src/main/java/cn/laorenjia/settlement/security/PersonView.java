package cn.laorenjia.settlement.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A person as administrators see them: never the password hash. */
public record PersonView(String username, String displayName, List<String> roles, String canteenCode, boolean active,
                         boolean hasPassword, Instant createdAt,
                         @Schema(description = "the 区 the account is limited to (clerks; supervisors and finance of a 区 or 街镇); null for the whole installation") String district,
                         @Schema(description = "the 街镇 the account is limited to; null otherwise") String subdistrict) {

    static PersonView of(Person p, String canteenCode) {
        return new PersonView(p.username, p.displayName, List.of(p.roles), canteenCode, p.active,
                p.passwordHash != null, p.createdAt, p.district, p.subdistrict);
    }
}
