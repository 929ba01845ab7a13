package cn.laorenjia.settlement.qr;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.core.qr.QrTokenSigner;
import cn.laorenjia.core.qr.QrTokenVerifier;
import cn.laorenjia.core.qr.SeenNonces;
import cn.laorenjia.settlement.app.SettlementConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * The service's QR signing key and its public half. The private key never enters the repository: it comes
 * from configuration (env or file); the embedded default run generates one once into its data directory.
 */
@ApplicationScoped
public class QrKeys {

    private static final Logger LOG = Logger.getLogger(QrKeys.class);
    static final String KEY_FILE = "qr-signing-key.pk8";

    private final int keyId;
    private final PublicKey publicKey;
    private final QrTokenSigner signer;
    private final QrTokenVerifier verifier;

    public QrKeys(QrConfig config, SettlementConfig settlement) {
        this.keyId = config.keyId();
        PrivateKey privateKey = load(config, settlement);
        this.publicKey = Ed25519Keys.publicOf(privateKey);
        this.signer = new QrTokenSigner(keyId, privateKey);
        // Replays of phone codes are refused by the ledger (one sale per code), not by this in-memory cache:
        // the central service may run on more than one node. The cache is not consulted (see QrCodes).
        this.verifier = new QrTokenVerifier(Map.of(keyId, publicKey), config.clockTolerance(), new SeenNonces(1));
    }

    public int keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public QrTokenSigner signer() {
        return signer;
    }

    public QrTokenVerifier verifier() {
        return verifier;
    }

    /** How to make a key, named in every refusal (README "区县部署与运维", secrets). */
    static final String HOW_TO_MAKE_ONE = "openssl genpkey -algorithm ed25519 -outform DER | base64 -w0";

    private static PrivateKey load(QrConfig config, SettlementConfig settlement) {
        if (config.signingKey().isPresent() && !config.signingKey().get().isBlank()) {
            try {
                return Ed25519Keys.privateKey(Base64.getDecoder().decode(config.signingKey().get().strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("二维码签名密钥不可用：LAORENJIA_QR_SIGNING_KEY (laorenjia.qr.signing-key) 不是"
                        + " Base64 编码的 PKCS#8 Ed25519 私钥。生成方法：" + HOW_TO_MAKE_ONE + "\nUnusable QR signing key:"
                        + " LAORENJIA_QR_SIGNING_KEY is not a Base64 PKCS#8 Ed25519 private key (" + e.getMessage() + ")", e);
            }
        }
        if (config.signingKeyFile().isPresent()) {
            try {
                return readKeyFile(config.signingKeyFile().get());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new IllegalStateException("二维码签名密钥不可用：无法读取密钥文件 " + config.signingKeyFile().get()
                        + " (laorenjia.qr.signing-key-file)，或其中不是 PKCS#8 Ed25519 私钥 (DER 或 Base64)。生成方法："
                        + HOW_TO_MAKE_ONE + "\nUnusable QR signing key file " + config.signingKeyFile().get() + ": "
                        + e.getMessage(), e);
            }
        }
        if (settlement.embeddedDataDir().isPresent()) {
            return generatedOnce(Path.of(settlement.embeddedDataDir().get()).resolve(KEY_FILE));
        }
        if (config.generateIfMissing()) {
            LOG.warn("QR signing key generated in memory: codes issued now will not verify after a restart");
            return Ed25519Keys.generate().getPrivate();
        }
        throw new IllegalStateException("缺少二维码签名密钥：请设置 LAORENJIA_QR_SIGNING_KEY (Base64 编码的 PKCS#8 Ed25519 私钥)"
                + " 或 laorenjia.qr.signing-key-file (LAORENJIA_QR_SIGNING_KEY_FILE)。生成方法：" + HOW_TO_MAKE_ONE
                + "。没有它就无法签发或验证助餐二维码，终端也取不到验码公钥。详见 README「区县部署与运维」。\n"
                + "No QR signing key: set LAORENJIA_QR_SIGNING_KEY (Base64 PKCS#8 Ed25519) or laorenjia.qr.signing-key-file");
    }

    static PrivateKey readKeyFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip();
            boolean base64 = !text.isEmpty() && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=');
            return Ed25519Keys.privateKey(base64 ? Base64.getDecoder().decode(text) : bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the QR signing key " + file, e);
        }
    }

    private static PrivateKey generatedOnce(Path file) {
        if (Files.exists(file)) {
            return readKeyFile(file);
        }
        PrivateKey key = Ed25519Keys.generate().getPrivate();
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(KEY_FILE + ".tmp");
            Files.write(temporary, key.getEncoded());
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the QR signing key " + file, e);
        }
        LOG.infof("QR signing key generated into %s", file);
        return key;
    }
}
