package cn.laorenjia.core.qr;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/** Issues codes with the central service's Ed25519 private key. Stateless and thread-safe. */
public final class QrTokenSigner {

    private final int keyId;
    private final PrivateKey key;

    public QrTokenSigner(int keyId, PrivateKey key) {
        if (keyId < 0 || keyId > 255) {
            throw new IllegalArgumentException("keyId must be 0–255");
        }
        this.keyId = keyId;
        this.key = Objects.requireNonNull(key, "key");
    }

    public int keyId() {
        return keyId;
    }

    /** The token's text; the token's key id must be this signer's. */
    public String sign(QrToken token) {
        if (token.keyId() != keyId) {
            throw new IllegalArgumentException("token names key " + token.keyId() + ", signer holds key " + keyId);
        }
        byte[] body = token.body();
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(key);
            signature.update(body);
            return new SignedQrToken(token, body, signature.sign()).text();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }
}
