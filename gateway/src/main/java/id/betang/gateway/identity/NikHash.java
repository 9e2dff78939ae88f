package id.betang.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What stands for a NIK wherever the gateway keeps something about one (the audit trail, Redis counters):
 * a keyed hash. A plain hash would not do: 16 digits with a known structure are few enough to try them all.
 * With the key, the registry's data protection officer can still answer "who looked at my data" for a NIK.
 */
public final class NikHash {

    private final SecretKeySpec key;

    public NikHash(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** 64 hex characters. */
    public String of(String nik) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(nik.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
