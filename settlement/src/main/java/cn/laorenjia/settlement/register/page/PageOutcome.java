package cn.laorenjia.settlement.register.page;

import cn.laorenjia.settlement.security.IssuedTerminalSecret;

import java.util.List;

/**
 * What a page's form post answers its script: where to go next, and the terminal secrets to show this once (they are
 * never stored in the clear, so no page can show them again).
 */
public record PageOutcome(String redirect, List<Secret> secrets) {

    public record Secret(String terminal, String authorization) {
    }

    static PageOutcome to(String redirect) {
        return new PageOutcome(redirect, List.of());
    }

    static PageOutcome showingOnce(String next, List<IssuedTerminalSecret> issued) {
        return new PageOutcome(next, issued.stream().map(s -> new Secret(s.terminalCode(), s.authorization())).toList());
    }
}
