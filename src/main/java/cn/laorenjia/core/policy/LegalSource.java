package cn.laorenjia.core.policy;

import java.util.Objects;

/** Where a policy version comes from: the document's title, the clause, and notes on what is unconfirmed. */
public record LegalSource(String title, String clause, String url, String note) {

    public LegalSource {
        Objects.requireNonNull(title, "a legal source needs a title");
        if (title.isBlank()) {
            throw new IllegalArgumentException("a legal source needs a title");
        }
    }
}
