import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step of the terminal (terminal/pom.xml, phase package, after quarkus:build; run as a single-file source
 * program, so it is no part of the terminal's classes): makes the counter's AppCDS archive from one real start.
 *
 * <ol>
 *   <li>copies terminal/jvm.options, the one list of the counter's JVM options, into target/quarkus-app (the
 *       directory a counter is given and started from: {@code java @jvm.options -jar quarkus-run.jar});</li>
 *   <li>starts the terminal from there with those options and {@code -XX:ArchiveClassesAtExit=app-cds.jsa} in a
 *       throwaway home (no central, no credential), waits until /q/health/ready answers 200, opens the cashier page
 *       and reads the local API as the page does at first sight, then stops it (SIGTERM): the JVM writes every class
 *       it loaded into the archive as it exits.</li>
 * </ol>
 *
 * Why not Quarkus' own {@code quarkus.package.jar.appcds.enabled}: on Java 17 it archives what the application loads
 * until its static initialisation only (it exits there, {@code -Dquarkus.appcds.generate=true}); measured on this
 * project the counter then still spent 2.5 CPU s until ready, with this archive of a whole start 2.1 s (same flags).
 *
 * An archive is valid only for the JDK build that made it and for this very quarkus-run.jar and lib/ (the JVM
 * checks both, and runs without the archive, with a warning, when they differ), which is why the build makes it
 * next to the jar. When the archive cannot be made (a JDK without CDS, a start that fails) this prints a warning
 * and leaves none: the counter starts as before, only slower (and the JVM warns that the archive is missing).
 *
 * Arguments: the quarkus-app directory, the jvm.options source file, and true to copy the options only
 * (-Dlaorenjia.appcds.skip=true, for builds that never start the counter).
 */
public class AppCdsArchive {

    static final String ARCHIVE = "app-cds.jsa";
    static final String OPTIONS = "jvm.options";

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]).toAbsolutePath();
        Path options = Path.of(args[1]).toAbsolutePath();
        Files.copy(options, app.resolve(OPTIONS), StandardCopyOption.REPLACE_EXISTING);
        Path archive = app.resolve(ARCHIVE);
        Files.deleteIfExists(archive); // never leave an archive of an earlier jar behind
        if (args.length > 2 && Boolean.parseBoolean(args[2])) {
            System.out.println("[INFO] AppCDS archive skipped (laorenjia.appcds.skip)");
            return;
        }
        long start = System.nanoTime();
        try {
            train(app);
        } catch (Exception e) {
            Files.deleteIfExists(archive);
            System.out.println("[WARNING] AppCDS archive not made (the counter starts without it, slower): " + e.getMessage());
            return;
        }
        if (!Files.isRegularFile(archive)) {
            System.out.println("[WARNING] AppCDS archive not made (the JVM wrote none; see target/appcds-training/training.log)");
            return;
        }
        System.out.printf("[INFO] AppCDS archive %s (%d MB) made from one start of the counter in %.1f s%n",
                archive, Files.size(archive) >> 20, (System.nanoTime() - start) / 1e9);
    }

    private static void train(Path app) throws Exception {
        Path training = app.getParent().resolve("appcds-training");
        Path home = training.resolve("home");
        Files.createDirectories(home);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the counter's own options, but not the archive it is about to make (the JDK's base archive stays in use)
        for (String option : readOptions(app.resolve(OPTIONS))) {
            if (!option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-Xshare:")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Duser.home=" + home, "-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(training.resolve("training.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LAORENJIA_") || name.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("LAORENJIA_DATA_DIR", home.resolve("settlement").toString());
        // a central that is not there: the background fetches fail and retry, as on a counter started offline
        builder.environment().put("LAORENJIA_TERMINAL_SETTLEMENT_URL", "http://127.0.0.1:" + freePort());
        Process terminal = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(http, base, terminal, Duration.ofMinutes(3));
            firstSight(http, base);
        } finally {
            terminal.destroy(); // SIGTERM: an orderly exit, at which the JVM dumps the archive
            if (!terminal.waitFor(3, TimeUnit.MINUTES)) {
                terminal.destroyForcibly();
                throw new IOException("the training start did not stop within 3 minutes");
            }
        }
    }

    private static void awaitReady(HttpClient http, String base, Process terminal, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!terminal.isAlive()) {
                throw new IOException("the training start exited with " + terminal.exitValue()
                        + " before it was ready (see target/appcds-training/training.log)");
            }
            try {
                if (get(http, base + "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("the training start was not ready within " + limit.toSeconds() + " s");
    }

    /** What the cashier page and the senior display load when they open, so their classes are archived too. */
    private static void firstSight(HttpClient http, String base) throws Exception {
        for (String page : List.of("/", "/display.html")) {
            get(http, base + page, null);
        }
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(get(http, base + "/api/session", null).body());
        if (!token.find()) {
            return;
        }
        for (String path : List.of("/api/terminal", "/api/cashier", "/api/card-reader", "/api/sale/state", "/api/sale/totals")) {
            get(http, base + path, token.group(1));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("X-Counter-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The java launcher's @-file syntax as jvm.options uses it: whitespace-separated options, # to the line's end. */
    static List<String> readOptions(Path file) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int comment = line.indexOf('#');
            String text = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!text.isEmpty()) {
                options.addAll(List.of(text.split("\\s+")));
            }
        }
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
