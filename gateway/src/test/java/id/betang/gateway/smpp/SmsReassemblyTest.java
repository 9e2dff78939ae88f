package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How arrived parts read when some are missing: each gap marked once, with tidy spaces. */
class SmsReassemblyTest {

    @ParameterizedTest(name = "{0} of 3 -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "1=Saya belum ,2=terima ,3=bantuan | Saya belum terima bantuan",
            "1=Saya belum ,3=bantuan           | Saya belum … bantuan",
            "2=terima ,3=bantuan               | … terima bantuan",
            "1=Saya belum                      | Saya belum …",
            "2=terima                          | … terima …"})
    void gapsAreMarked(String arrived, String expected) {
        Map<Integer, String> bySeq = new java.util.HashMap<>();
        for (String p : arrived.split(",")) {
            String[] kv = p.split("=", 2);
            bySeq.put(Integer.parseInt(kv[0]), kv[1]);
        }
        MoSms any = new MoSms("6281234567890", "7777", "", Optional.of(new SmsCodec.Concatenation(1, 3, 1)));
        assertEquals(expected.strip(), SmsReassembly.join(any, bySeq, 3).text());
    }
}
