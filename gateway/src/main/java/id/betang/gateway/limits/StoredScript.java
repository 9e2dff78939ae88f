package id.betang.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * A Lua script run by its SHA-1 (EVALSHA) instead of sending its text with every call: a step's call stays a
 * few dozen bytes, and Redis need not hash the text each time. A server that does not know the script yet
 * (restarted, failed over, another cluster node) answers NOSCRIPT; the call then goes once as EVAL, which
 * also stores the script there for the calls after it.
 */
final class StoredScript {

    private final String text;
    private final String sha;

    StoredScript(String text) {
        this.text = text;
        this.sha = sha1Hex(text);
    }

    String sha() {
        return sha;
    }

    <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
                               String... args) {
        return redis.<T>evalsha(sha, type, keys, args).<CompletionStage<T>>handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(text, type, keys, args);
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(answer -> answer);
    }

    static String sha1Hex(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
