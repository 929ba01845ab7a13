package cn.laorenjia.settlement.audit;

import java.util.Objects;

/**
 * Who did something: a person (username), a counter terminal (its code) or the system itself, and the client
 * address the request came from (null for the system).
 */
public record Actor(String name, Kind kind, String address) {

    /** DEVICE: a senior's bound phone (phone.service.SeniorPhones), named "device N of senior X". */
    public enum Kind { PERSON, TERMINAL, SYSTEM, ANONYMOUS, DEVICE }

    public static final String SYSTEM_NAME = "system";

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        // a claimed username is whatever a caller typed: keep the row small
        name = name.length() > 64 ? name.substring(0, 64) : name;
    }

    public static Actor system() {
        return new Actor(SYSTEM_NAME, Kind.SYSTEM, null);
    }
}
