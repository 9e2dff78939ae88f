package id.betang.menus.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import id.betang.menus.ActionResult;
import id.betang.menus.Engine;
import id.betang.menus.MenuLoader;
import id.betang.menus.Screen;
import id.betang.menus.ScreenLimits;
import id.betang.menus.Step;

/**
 * Engine steps per second on one thread for main menu → 1 → NIK → registry.status → status screen
 * (begin, next, next = call, resume: 4 steps). Run by bench/menus.sh; not a test.
 */
public final class EngineBench {

    private static final Map<String, Object> STATUS = Map.of("asOf", "2026-11-12", "benefits", List.of(
            Map.of("program", "BLT", "status", "ACTIVE"),
            Map.of("program", "SEMBAKO_MURAH", "status", "ACTIVE"),
            Map.of("program", "PKH", "status", "SUSPENDED", "reason", "data anak sekolah belum lengkap"),
            Map.of("program", "PBI_JKN", "status", "ACTIVE")));

    private EngineBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long roundMillis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        Engine engine = new Engine(new MenuLoader().loadResource("/menus/kartu-huma-betang.yaml"), ScreenLimits.DEFAULT);
        System.out.println("warm-up " + roundMillis + " ms");
        measure(engine, roundMillis);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = measure(engine, roundMillis);
            System.out.printf("round %d: %.0f steps/s%n", i + 1, rates[i]);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("min %.0f, median %.0f, max %.0f steps/s (one thread, %s, %s)%n", sorted[0],
                sorted[rounds / 2], sorted[rounds - 1], System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("steps_per_s=%.0f%n", sorted[rounds / 2]);
    }

    private static double measure(Engine engine, long millis) {
        long steps = 0;
        int sink = 0;
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                Step step = engine.begin(Screen.Audience.RESIDENT, "id", List.of());
                step = engine.next(step.state(), "1");
                Step.Call call = (Step.Call) engine.next(step.state(), "6271031203900004");
                Step.Reply reply = (Step.Reply) engine.resume(call.state(), new ActionResult("ok", STATUS));
                sink += reply.text().length();
                steps += 4;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.print("");
        }
        return steps / seconds;
    }
}
