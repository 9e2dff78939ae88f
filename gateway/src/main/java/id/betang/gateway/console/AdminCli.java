package id.betang.gateway.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar betang-gateway.jar admin …}: what the operator console does, for scripts, through the gateway's
 * admin API (so every action is audited the same way). The token comes from a file or BETANG_API_TOKEN, never from
 * the command line, where other users of the machine could read it. Exit codes: 0 done, 1 nothing to do or the
 * gateway refused, 2 usage.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a running gateway: overview, requeue a failed SMS, retry a complaint in ATTENTION.",
        subcommands = {AdminCli.Overview.class, AdminCli.Requeue.class, AdminCli.Retry.class})
public final class AdminCli {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the gateway (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--token-file", description = "file holding the API token (default: BETANG_API_TOKEN)")
    Path tokenFile;

    @Option(names = "--operator", defaultValue = "${env:USER}", description = "your name, for the audit (default: $USER)")
    String operator;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AdminCli()).setOut(out).setErr(err);
        cli.setExitCodeExceptionMapper(e -> 2);
        return cli.execute(args);
    }

    String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).strip();
        }
        String env = System.getenv("BETANG_API_TOKEN");
        if (env == null || env.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --token-file or set BETANG_API_TOKEN");
        }
        return env.strip();
    }

    HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token()).header("X-Operator", operator == null ? "" : operator)
                .method(method, HttpRequest.BodyPublishers.noBody());
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One subcommand's call and its printed answer, on that subcommand's streams. */
    int answer(String method, String path, boolean repair, CommandLine.Model.CommandSpec spec)
            throws IOException, InterruptedException {
        return report(call(method, path), repair, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints the answer; 0 when it is 200 and (for a repair) the outcome is done. */
    static int report(HttpResponse<String> answer, boolean repair, PrintWriter out, PrintWriter err) {
        if (answer.statusCode() != 200) {
            err.println("gateway answered " + answer.statusCode() + (answer.body().isBlank() ? "" : ": " + answer.body()));
            return 1;
        }
        JsonObject body = new JsonObject(answer.body());
        out.println(repair ? body.getString("outcome") : body.encodePrettily());
        return !repair || OperatorDesk.DONE.equals(body.getString("outcome")) ? 0 : 1;
    }

    @Command(name = "overview", description = "Binds, outbox, failed SMS, complaints in ATTENTION, step-budget misses (JSON).")
    static final class Overview implements Callable<Integer> {
        @CommandLine.ParentCommand AdminCli admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return admin.answer("GET", "/api/v1/admin/overview", false, spec);
        }
    }

    @Command(name = "requeue", description = "Send a FAILED SMS again (fresh validity and attempts).")
    static final class Requeue implements Callable<Integer> {
        @CommandLine.ParentCommand AdminCli admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "OUTBOX_ID") long id;

        @Override
        public Integer call() throws Exception {
            return admin.answer("POST", "/api/v1/admin/sms/" + id + "/requeue", true, spec);
        }
    }

    @Command(name = "retry", description = "Hand a complaint in ATTENTION back to the relay.")
    static final class Retry implements Callable<Integer> {
        @CommandLine.ParentCommand AdminCli admin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TICKET") String ticket;

        @Override
        public Integer call() throws Exception {
            return admin.answer("POST", "/api/v1/admin/complaints/" + ticket + "/retry", true, spec);
        }
    }
}
