package id.betang.simulator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** NIKs as an attacker makes them: valid in shape (reference-data.md), and the birth date each one gives away. */
final class Niks {

    private static final String[] DISTRICTS = {"6201", "6202", "6203", "6204", "6205", "6206", "6207", "6208", "6209",
            "6210", "6211", "6212", "6213", "6271"};

    private Niks() {
    }

    /** {@code count} NIKs of the right structure that are not in {@code known}; the same ones for the same seed. */
    static List<String> unknown(int count, Set<String> known, long seed) {
        Random random = new Random(seed);
        List<String> niks = new ArrayList<>(count);
        while (niks.size() < count) {
            int day = 1 + random.nextInt(28) + (random.nextBoolean() ? 40 : 0);
            String nik = DISTRICTS[random.nextInt(DISTRICTS.length)] + String.format("%02d%02d%02d%02d%04d",
                    1 + random.nextInt(20), day, 1 + random.nextInt(12), random.nextInt(100), 1 + random.nextInt(999));
            if (!known.contains(nik) && !niks.contains(nik)) {
                niks.add(nik);
            }
        }
        return niks;
    }

    /** Digits 7-12: the birth date as DDMMYY, the day plus 40 for women; also a likely guess at any 6-digit code. */
    static String sixDigits(String nik) {
        return nik.substring(6, 12);
    }

    /** The birth date the NIK gives away, as a person types it: DDMMYYYY. */
    static String birthDate(String nik) {
        int day = Integer.parseInt(nik.substring(6, 8));
        int year = Integer.parseInt(nik.substring(10, 12));
        return String.format("%02d%s%d", day > 40 ? day - 40 : day, nik.substring(8, 10), year > 26 ? 1900 + year : 2000 + year);
    }
}
