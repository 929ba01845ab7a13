package cn.laorenjia.core.qr;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Ed25519 keys with the JDK's own provider; public keys travel as Base64 of their X.509 encoding. */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws IllegalArgumentException if the text is not an Ed25519 public key */
    public static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** @throws IllegalArgumentException if the bytes are not a PKCS#8 Ed25519 private key */
    public static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key", e);
        }
    }

    /** The public half of a private key (Ed25519 derives it from the seed). */
    public static PublicKey publicOf(PrivateKey key) {
        try {
            var edKey = (java.security.interfaces.EdECPrivateKey) key;
            byte[] seed = edKey.getBytes().orElseThrow();
            // The JDK has no direct derivation API: regenerate the pair from the seed as its "random".
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** Hands out exactly the given bytes: Ed25519 key generation draws its 32-byte seed from here. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
        }
    }
}
