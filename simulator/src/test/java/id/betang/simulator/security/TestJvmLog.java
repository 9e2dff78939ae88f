package id.betang.simulator.security;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;

/** While the suite runs, this JVM's log (the simulator SMSC, the registry stub) also goes to a file it scans. */
final class TestJvmLog {

    static final Path FILE = Path.of("target", "security-test-jvm.log");
    private static FileAppender<ILoggingEvent> appender;

    private TestJvmLog() {
    }

    static synchronized void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %-24logger{0} %msg%n");
        encoder.start();
        appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("security-suite");
        appender.setFile(FILE.toString());
        appender.setAppend(false);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    static synchronized void stop() {
        if (appender != null) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
    }
}
