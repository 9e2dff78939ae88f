package id.betang.gateway.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The GSM 7-bit default alphabet as 3GPP TS 23.038 lists it ({@code gsm0338/ts-23.038-default-alphabet.tsv}):
 * the oracle the codec is checked against, written from the specification rather than from our own tables.
 */
record Gsm0338(boolean extension, int septet, int codePoint, String name) {

    static final String FILE = "/gsm0338/ts-23.038-default-alphabet.tsv";
    static final int ESCAPE = 0x1B;

    static List<Gsm0338> all() {
        try (InputStream in = Gsm0338.class.getResourceAsStream(FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> new Gsm0338(f[0].equals("extension"), Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16), f[3]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Gsm0338> basic() {
        return all().stream().filter(c -> !c.extension()).toList();
    }

    static List<Gsm0338> extensions() {
        return all().stream().filter(Gsm0338::extension).toList();
    }

    String text() {
        return Character.toString(codePoint);
    }

    /** The octets of short_message (data_coding 0x00): one septet per octet, an extension after the escape. */
    byte[] septets() {
        return extension ? new byte[] {ESCAPE, (byte) septet} : new byte[] {(byte) septet};
    }

    @Override
    public String toString() {
        return String.format("%s 0x%02X U+%04X %s", extension ? "ESC" : "", septet, codePoint, name).strip();
    }
}
