package id.betang.simulator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log scan finds what an auditor would, and only that. */
class LogScanTest {

    @TempDir
    Path dir;

    List<String> findings(String... lines) throws Exception {
        Path log = dir.resolve("gateway-x.log");
        Files.write(log, List.of(lines));
        return new LogScan(Set.of("6271031203900004"), Set.of("6285700000001"), List.of("jembatan gantung di desa kami"),
                List.of("9f3c51d27be84a06c1e5f28d")).scan(log).stream().map(LogScan.Finding::why).toList();
    }

    @Test
    void personalDataAtInfoOrAboveIsFound() throws Exception {
        assertEquals(List.of("a full NIK", "a full MSISDN", "message text", "a full NIK", "a full MSISDN"), findings(
                "02:31:22.100 INFO  inbound   status for 6271031203900004",
                "02:31:22.101 WARN  Outbox    queued SMS 4 (reply) to 6285700000001",
                "02:31:22.102 ERROR Relay     body: jembatan gantung di desa kami putus",
                "02:31:22.103 INFO  Registry  lookup of 6213016607010004 failed",
                "02:31:22.104 INFO  Sms       from +6281234567890"));
    }

    @Test
    void maskedDataDebugLinesAndOrdinaryNumbersAreNot() throws Exception {
        assertEquals(List.of(), findings(
                "02:31:22.100 INFO  inbound   ussd-smpp step msisdn=62857*****004 nik=6271********0004 latency_ms=400",
                "02:31:22.101 DEBUG smpp      deliver_sm from 6285700000001 nik 6271031203900004",
                "    at id.betang.gateway.Foo(Foo.java:12) 6271031203900004",
                "02:31:22.102 INFO  Outbox    queued 1234567890123456 rows, epoch 1764643882123"));
    }

    @Test
    void aStackTraceCountsAtTheLevelOfItsLineAndSecretsCountAtAnyLevel() throws Exception {
        assertEquals(List.of("a full NIK", "a secret"), findings(
                "02:31:22.100 ERROR Router    unhandled",
                "java.lang.IllegalStateException: no resident 6271031203900004",
                "02:31:22.101 DEBUG Http      Authorization: Bearer 9f3c51d27be84a06c1e5f28d"));
    }

    @Test
    void aBlockedEventLoopIsFoundOnceTheGatewayIsWarm() throws Exception {
        // Vert.x's checker as the gateway's logback writes it (the gateway runs it with a 500 ms limit)
        assertEquals(List.of("a blocked event loop"), findings(
                "06:02:10.100 WARN  BlockedThreadChecker     Thread vert.x-eventloop-thread-0 has been blocked for 2831 ms, time limit is 500 ms",
                "06:02:10.200 INFO  WarmUp                   warmed up in 4975 ms: dialogues 1 walked, MySQL 4 connection(s)",
                "06:02:11.481 WARN  BlockedThreadChecker     Thread vert.x-eventloop-thread-1 has been blocked for 581 ms, time limit is 500 ms",
                "io.vertx.core.VertxException: Thread blocked",
                "\tat java.base/sun.nio.ch.Net.poll(Native Method)",
                "\tat java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
                "\tat com.mysql.cj.protocol.ReadAheadInputStream.fill(ReadAheadInputStream.java:107)",
                "\tat id.betang.gateway.sms.Subscribers.lang(Subscribers.java:40)",
                "06:02:11.500 INFO  Dialogue                 a dialogue that was never blocked"));
    }

    @Test
    void aLoopCaughtComputingOnABusyMachineIsNotABlockedOneUnlessHeldForSeconds() throws Exception {
        String warm = "06:02:10.200 INFO  WarmUp                   warmed up in 4975 ms: dialogues 1 walked, MySQL 4 connection(s)";
        String computing = String.join("\n",
                "io.vertx.core.VertxException: Thread blocked",
                "\tat org.HdrHistogram.AbstractHistogram.recordSingleValue(AbstractHistogram.java:560)",
                "\tat io.micrometer.core.instrument.distribution.TimeWindowPercentileHistogram.recordLong(TimeWindowPercentileHistogram.java:72)",
                "\tat id.betang.gateway.ops.Inbound.record(Inbound.java:97)");
        assertEquals(List.of(), findings((warm + "\n"
                + "06:02:11.481 WARN  BlockedThreadChecker     Thread vert.x-eventloop-thread-1 has been blocked for 640 ms, time limit is 500 ms\n"
                + computing).split("\n")), "640 ms caught computing: a loop waiting for a core");
        assertEquals(List.of("a blocked event loop"), findings((warm + "\n"
                + "06:02:19.481 WARN  BlockedThreadChecker     Thread vert.x-eventloop-thread-1 has been blocked for 7120 ms, time limit is 500 ms\n"
                + computing).split("\n")), "seconds: no scheduler explains it");
    }
}
