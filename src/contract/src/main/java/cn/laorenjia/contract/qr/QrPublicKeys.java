package cn.laorenjia.contract.qr;

import java.util.List;

/**
 * GET /api/qr/keys, answered to anyone: the public keys counters verify signed QR codes with (offline too), how much
 * clock difference a code is allowed, and how long a phone code lives.
 *
 * @param keys each key's id, algorithm ({@code Ed25519}) and Base64 X.509 public key
 */
public record QrPublicKeys(List<Key> keys, long clockToleranceSeconds, long phoneCodeValiditySeconds) {

    public QrPublicKeys {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public record Key(int keyId, String algorithm, String publicKey) {
    }
}
