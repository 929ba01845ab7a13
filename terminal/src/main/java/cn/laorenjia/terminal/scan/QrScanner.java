package cn.laorenjia.terminal.scan;

import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenException;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.QrTokenVerifier;
import cn.laorenjia.core.qr.SeenNonces;
import cn.laorenjia.core.qr.SignedQrToken;
import cn.laorenjia.terminal.identify.IdentificationFailed;
import cn.laorenjia.terminal.identify.SeniorPresented;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what a scanner or camera read into a presentation: signed codes are verified offline with the
 * cached public keys (phone codes once per counter; the central service also allows one sale per code);
 * an older unsigned printed identifier is refused here ({@code PRINTED_QR_NOT_SIGNED}), as the central refuses it: a
 * printed code is honoured only as its signed text. Fires {@link SeniorPresented} or
 * {@link IdentificationFailed} and answers the same outcome.
 */
@ApplicationScoped
public class QrScanner {

    /** Printed identifiers of cards issued before signed codes: "BDQR" + 12 Crockford base-32 characters. */
    private static final Pattern UNSIGNED_PRINTED = Pattern.compile("BDQR[0-9A-HJKMNP-TV-Z]{12}");
    /** The central's code for a printed code sent by its bare identifier: the same refusal, before asking it. */
    static final String PRINTED_QR_NOT_SIGNED = "PRINTED_QR_NOT_SIGNED";
    static final String PRINTED_QR_NOT_SIGNED_ZH = "这是旧版无签名的卡面二维码，已不能使用：请老人刷卡或改用身份证号查询，并到街镇换发新卡";
    /** Longer than any code of ours by far; a scanner stuck on repeat is not worth parsing. */
    static final int MAX_TEXT = 1024;

    private final ScanConfig config;
    private final PublicKeyCache keys;
    private final SeenNonces seen;
    private final Event<SeniorPresented> presented;
    private final Event<IdentificationFailed> failed;
    private final Clock clock;

    public QrScanner(ScanConfig config, PublicKeyCache keys, Event<SeniorPresented> presented, Event<IdentificationFailed> failed,
                     Clock clock) {
        this.config = config;
        this.clock = clock;
        this.keys = keys;
        this.seen = new SeenNonces(config.seenNonceCapacity());
        this.presented = presented;
        this.failed = failed;
    }

    public ScanOutcome scan(String raw) {
        Instant now = clock.instant();
        ScanOutcome outcome = decide(raw, now);
        if (outcome.accepted()) {
            presented.fire(new SeniorPresented(SeniorPresented.Kind.valueOf(outcome.kind()), outcome.value(), now));
        } else {
            failed.fire(new IdentificationFailed(outcome.code(), outcome.messageZh(), now));
        }
        return outcome;
    }

    /** Pure apart from the seen-nonce cache: the text, stripped, checked, classified. */
    ScanOutcome decide(String raw, Instant now) {
        if (raw == null || raw.length() > MAX_TEXT) {
            return malformed();
        }
        String text = strip(raw);
        if (SignedQrToken.looksSigned(text)) {
            try {
                QrToken token = new QrTokenVerifier(keys.keys(), config.clockTolerance(), seen).verify(text, now);
                boolean printed = token.kind() == QrTokenKind.PRINTED;
                return new ScanOutcome(true, printed ? "PRINTED_QR" : "PHONE_QR", text, printed,
                        Map.of("method", "QR", "token", text), null, printed ? ScanOutcome.SECOND_CHECK_ZH : null);
            } catch (QrTokenException e) {
                return ScanOutcome.refused("QR_" + e.code().name(), e.messageZh());
            }
        }
        if (UNSIGNED_PRINTED.matcher(text).matches()) {
            return ScanOutcome.refused(PRINTED_QR_NOT_SIGNED, PRINTED_QR_NOT_SIGNED_ZH);
        }
        return malformed();
    }

    private String strip(String raw) {
        String text = raw.strip();
        if (config.prefix().isPresent() && text.startsWith(config.prefix().get())) {
            text = text.substring(config.prefix().get().length());
        }
        if (config.suffix().isPresent() && text.endsWith(config.suffix().get())) {
            text = text.substring(0, text.length() - config.suffix().get().length());
        }
        return text.strip();
    }

    private static ScanOutcome malformed() {
        QrTokenException.Code code = QrTokenException.Code.MALFORMED;
        return ScanOutcome.refused("QR_" + code.name(), code.messageZh());
    }
}
