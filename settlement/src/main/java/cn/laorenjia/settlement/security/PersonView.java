package cn.laorenjia.settlement.security;

import java.time.Instant;
import java.util.List;

/** A person as administrators see them: never the password hash. */
public record PersonView(String username, String displayName, List<String> roles, String canteenCode, boolean active,
                         boolean hasPassword, Instant createdAt) {

    static PersonView of(Person p, String canteenCode) {
        return new PersonView(p.username, p.displayName, List.of(p.roles), canteenCode, p.active,
                p.passwordHash != null, p.createdAt);
    }
}
