package cn.laorenjia.core.card;

import java.util.Arrays;

/** A card's answer: data then the two status bytes. Pure; refuses answers shorter than a status word. */
public record ResponseApdu(byte[] data, int sw) {

    public static final int SW_OK = 0x9000;

    public ResponseApdu {
        data = data.clone();
    }

    public static ResponseApdu of(byte[] response) {
        if (response == null || response.length < 2) {
            throw new CardReadException(CardReadException.Code.RESPONSE_TOO_SHORT,
                    "answer of " + (response == null ? 0 : response.length) + " bytes has no status word");
        }
        int n = response.length;
        return new ResponseApdu(Arrays.copyOf(response, n - 2), ((response[n - 2] & 0xFF) << 8) | (response[n - 1] & 0xFF));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean ok() {
        return sw == SW_OK;
    }

    public String swHex() {
        return String.format("%04X", sw);
    }
}
