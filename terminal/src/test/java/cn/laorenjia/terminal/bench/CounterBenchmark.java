package cn.laorenjia.terminal.bench;

import cn.laorenjia.core.qr.Ed25519Keys;
import cn.laorenjia.core.qr.QrToken;
import cn.laorenjia.core.qr.QrTokenKind;
import cn.laorenjia.core.qr.QrTokenSigner;
import cn.laorenjia.fixtures.sample.CardKind;
import cn.laorenjia.fixtures.sample.SampleRegister;
import cn.laorenjia.fixtures.sample.SampleSenior;
import cn.laorenjia.fixtures.vpcd.PcscDaemon;
import cn.laorenjia.fixtures.vpcd.VirtualCard;
import cn.laorenjia.terminal.scan.ImageDecoder;
import cn.laorenjia.terminal.testing.CameraFrames;
import cn.laorenjia.terminal.testing.TestCashier;
import cn.laorenjia.terminal.testing.CounterApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The counter's benchmark (issue 5, item 8); run by {@code terminal/bench/counter-benchmark.sh}, which builds the
 * jars. Prints figures, asserts nothing:
 * <ol>
 *   <li>QR decode of 1280×720 camera-like frames (JPEG, hand-held codes and empty frames), in this JVM, with the
 *       terminal's {@link ImageDecoder} and, for comparison on the same frames and load, the decoder it replaced;</li>
 *   <li>terminal cold start: process start → {@code GET /q/health/ready} answers 200, the jar started as the README
 *       says, against a running settlement service;</li>
 *   <li>card present → decision shown: a virtual card put on vpcd's reader (the real pcscd, the terminal's
 *       javax.smartcardio reader thread) until the terminal's state stream {@code /api/sale/events}, which the
 *       cashier page and the senior display render, carries the settlement service's preview decision for that card;</li>
 *   <li>a camera frame posted to {@code /api/scan/image} until the answer (JPEG decode + QR + verification);</li>
 *   <li>the terminal's resident memory (VmRSS and its peak VmHWM from /proc) after all of that;</li>
 *   <li>sales at the till in a headless chromium, by card, phone QR, printed QR and manual look-up: the cashier's
 *       keystrokes and seconds per sale, then screenshots of the till, its reports and the senior display
 *       ({@link SaleAtTheTill}).</li>
 * </ol>
 * The settlement service is its jar started as the README's run command does, by the embedded-PostgreSQL launcher
 * (real PostgreSQL from Maven Central, the 宝坻 sample register loaded) in a temporary data directory. Everything started here is stopped here, also on Ctrl-C.
 */
public final class CounterBenchmark {

    private static final String TERMINAL = "BD-HB-01-T1";
    /** vpcd's first reader: the tests use the second, so a test running beside the benchmark cannot take its card. */
    private static final String READER = "Virtual PCD 00 00";
    private static final int READER_PORT = VirtualCard.FIRST_READER_PORT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The running terminal's per-boot token (README "柜台本机接口的防护"). */
    private static volatile String counterToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final Options options;
    private final Path work;
    private final List<Process> started = new ArrayList<>();
    private boolean startedPcscd;
    private volatile boolean cleanedUp;

    private CounterBenchmark(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("laorenjia-counter-bench");
    }

    record Options(Path settlementJar, Path terminalJar, int taps, int warmupTaps, int starts, int frames, String commit,
                   boolean keep, List<String> terminalJvmOptions, int sales, int idKeyMillis, Path screens) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            String jvm = given.getOrDefault("terminal-jvm-options", "");
            return new Options(Path.of(given.getOrDefault("settlement-jar", "settlement/target/quarkus-app/quarkus-run.jar")),
                    Path.of(given.getOrDefault("terminal-jar", "terminal/target/quarkus-app/quarkus-run.jar")),
                    Integer.parseInt(given.getOrDefault("taps", "100")), Integer.parseInt(given.getOrDefault("warmup-taps", "10")),
                    Integer.parseInt(given.getOrDefault("starts", "7")), Integer.parseInt(given.getOrDefault("frames", "60")),
                    given.getOrDefault("commit", "?"), Boolean.parseBoolean(given.getOrDefault("keep", "false")),
                    jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+")),
                    Integer.parseInt(given.getOrDefault("sales", "10")), Integer.parseInt(given.getOrDefault("id-key-millis", "200")),
                    Path.of(given.getOrDefault("screens", "terminal/target/bench/screens")));
        }
    }

    public static void main(String[] args) throws Exception {
        CounterBenchmark bench = new CounterBenchmark(Options.parse(args));
        Thread cleanup = new Thread(bench::stopEverything, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            bench.run();
        } finally {
            bench.stopEverything();
        }
    }

    private void run() throws Exception {
        System.out.printf("== counter benchmark, %s, commit %s ==%n",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atOffset(ZoneOffset.UTC)), options.commit());
        System.out.printf("machine: %d cores, %s; load average at start %s (shared machine: other work runs beside this)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                loadAverage());
        qrDecode();

        PcscDaemon.missing().ifPresent(why -> {
            throw new IllegalStateException("the card benchmark needs the real PC/SC stack: " + why);
        });
        startedPcscd = !PcscDaemon.running();
        PcscDaemon.ensureRunning();

        Settlement settlement = startSettlement();
        coldStarts(settlement);
        Process terminal = startTerminal(settlement, "terminal");
        String base = awaitReady(terminal, Duration.ofMinutes(2)).base();
        counterToken = CounterApi.token(HTTP, URI.create(base)); // the local API answers only with the counter's token
        TestCashier.signInAt(URI.create(base), URI.create(settlement.base()), settlement.adminPassword(), "BD-HB-01");
        cardToDecision(base);
        imageScans(base, settlement);
        memory(terminal);
        // last: it sells (and closes the shift), where the sections above only preview
        new SaleAtTheTill(base, settlement.base(), settlement.adminPassword(), counterToken, READER_PORT, options.sales(),
                options.idKeyMillis(), options.screens(), CounterBenchmark::loadAverage).run();
        System.out.printf("load average at end %s%n", loadAverage());
    }

    // ---- QR decode ---------------------------------------------------------------------------------------------

    private void qrDecode() {
        Random random = new Random(20261123);
        QrTokenSigner signer = new QrTokenSigner(1, Ed25519Keys.generate().getPrivate());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<BufferedImage> withCode = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<BufferedImage> without = new ArrayList<>();
        for (int i = 0; i < options.frames(); i++) {
            String code = signer.sign(new QrToken(1, QrTokenKind.PHONE, 10_000 + i, now, Duration.ofSeconds(60), random.nextInt()));
            codes.add(code);
            withCode.add(asCameraSendsIt(CameraFrames.frame(random, code, CameraFrames.Shot.handHeld(random))));
            if (i % 3 == 0) {
                without.add(asCameraSendsIt(CameraFrames.frame(random, null, null)));
            }
        }
        Map<String, java.util.function.Function<BufferedImage, Optional<String>>> decoders = new LinkedHashMap<>();
        decoders.put("terminal's ImageDecoder", ImageDecoder::qrText);
        decoders.put("before (ZXing getRGB grey, full frame only)", CounterBenchmark::previousDecoder);
        System.out.printf("%nQR decode of 1280x720 camera-like frames (JPEG q0.85; %d hand-held codes: 4-8 px/module, turned up to"
                + " 25 deg, anywhere in the middle, phone or paper; %d frames without a code), one thread, after 3 warm-up rounds:%n",
                withCode.size(), without.size());
        for (var decoder : decoders.entrySet()) {
            for (int round = 0; round < 3; round++) {
                withCode.forEach(decoder.getValue()::apply);
                without.forEach(decoder.getValue()::apply);
            }
            long[] with = new long[withCode.size() * 3];
            long[] empty = new long[without.size() * 3];
            int found = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < withCode.size(); i++) {
                    long start = System.nanoTime();
                    Optional<String> text = decoder.getValue().apply(withCode.get(i));
                    with[round * withCode.size() + i] = System.nanoTime() - start;
                    if (round == 0 && text.filter(codes.get(i)::equals).isPresent()) {
                        found++;
                    }
                }
                for (int i = 0; i < without.size(); i++) {
                    long start = System.nanoTime();
                    if (decoder.getValue().apply(without.get(i)).isPresent()) {
                        throw new IllegalStateException("a code found in a frame without one");
                    }
                    empty[round * without.size() + i] = System.nanoTime() - start;
                }
            }
            System.out.printf("  %-44s with a code: median %5.1f ms, p95 %5.1f ms, found %d/%d | without: median %5.1f ms, p95 %5.1f ms%n",
                    decoder.getKey(), median(with) / 1e6, p95(with) / 1e6, found, withCode.size(), median(empty) / 1e6, p95(empty) / 1e6);
        }
        System.out.printf("  target: median <= 20 ms with a code; load average now %s%n", loadAverage());
    }

    private static BufferedImage asCameraSendsIt(BufferedImage frame) {
        try {
            return ImageIO.read(new ByteArrayInputStream(CameraFrames.jpeg(frame)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ImageDecoder as it was before this benchmark: ZXing's colour conversion, the full frame, MultiFormatReader. */
    private static Optional<String> previousDecoder(BufferedImage image) {
        try {
            return Optional.of(new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.CHARACTER_SET, "UTF-8")).getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    // ---- settlement and terminal processes ----------------------------------------------------------------------

    record Settlement(String base, String adminPassword, String terminalSecret) {
    }

    private Settlement startSettlement() throws Exception {
        int port = freePort();
        String password = randomText();
        Path data = Files.createDirectories(work.resolve("settlement-data"));
        // the service ships no database: the launcher starts PostgreSQL beside it and stops both on SIGTERM
        // (as terminal/run-with-sample-data.sh does)
        Path launcher = options.settlementJar().toAbsolutePath().getParent().getParent().getParent().getParent()
                .resolve("fixtures/embedded-postgres/target/laorenjia-embedded-postgres-launcher.jar");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", launcher.toString(),
                java(), "-Xmx512m", "-jar", options.settlementJar().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("settlement.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE") || name.startsWith("QUARKUS_FLYWAY"));
        builder.environment().put("LAORENJIA_DATA_DIR", data.toString());
        builder.environment().put("LAORENJIA_SAMPLE_DATA_LOAD", "true");
        builder.environment().put("LAORENJIA_ADMIN_PASSWORD", password);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process process = start(builder);
        String base = "http://127.0.0.1:" + port;
        awaitStatus(process, base + "/q/health/ready", Duration.ofMinutes(4), work.resolve("settlement.log"));
        System.out.printf("%nsettlement service (embedded PostgreSQL, sample register) ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        HttpResponse<String> secret = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/register/terminals/" + TERMINAL + "/secret"))
                .header("Authorization", basic(password)).header("X-Requested-By", "laorenjia")
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"").matcher(secret.body());
        if (secret.statusCode() / 100 != 2 || !m.find()) {
            throw new IllegalStateException("rotating the terminal secret failed: " + secret.statusCode() + " " + secret.body());
        }
        return new Settlement(base, password, m.group(1));
    }

    private Process startTerminal(Settlement settlement, String name) throws IOException {
        int port = freePort();
        // as the README starts a counter: from the jar's directory with the options the build put there
        // (terminal/jvm.options); options given to the benchmark come after them and so win
        List<String> command = new ArrayList<>(List.of(java(), "@jvm.options"));
        command.addAll(options.terminalJvmOptions());
        command.addAll(List.of("-jar", options.terminalJar().getFileName().toString()));
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.terminalJar().toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("LAORENJIA_TERMINAL_CODE", TERMINAL);
        builder.environment().put("LAORENJIA_TERMINAL_SECRET", settlement.terminalSecret());
        builder.environment().put("LAORENJIA_TERMINAL_SETTLEMENT_URL", settlement.base());
        builder.environment().put("LAORENJIA_TERMINAL_CARD_READER_NAME", READER);
        builder.environment().put("LAORENJIA_TERMINAL_SCAN_KEY_CACHE_FILE", work.resolve("qr-keys.properties").toString());
        // its sale journal and offline copy here, never in the user's ~/.laorenjia (one directory for all starts, as
        // a counter restarts on yesterday's journal)
        builder.environment().put("LAORENJIA_TERMINAL_OFFLINE_DATA_DIR", work.resolve("terminal-data").toString());
        Process process = start(builder);
        terminals.put(process, new Started(System.nanoTime(), "http://127.0.0.1:" + port, log));
        return process;
    }

    private record Started(long nanos, String base, Path log) {
    }

    private final Map<Process, Started> terminals = new LinkedHashMap<>();

    /** Polls readiness every 5 ms; answers how long the process took from its start. */
    private Started awaitReady(Process terminal, Duration limit) throws Exception {
        Started s = terminals.get(terminal);
        awaitStatus(terminal, s.base() + "/q/health/ready", limit, s.log());
        return new Started(System.nanoTime() - s.nanos(), s.base(), s.log());
    }

    private void coldStarts(Settlement settlement) throws Exception {
        long[] nanos = new long[options.starts()];
        List<String> quarkusSays = new ArrayList<>();
        long[] rss = new long[options.starts()];
        long[] cpu = new long[options.starts()];
        for (int i = 0; i < nanos.length; i++) {
            Process terminal = startTerminal(settlement, "terminal-start-" + i);
            Started ready = awaitReady(terminal, Duration.ofMinutes(2));
            nanos[i] = ready.nanos();
            rss[i] = statusKb(terminal, "VmRSS");
            cpu[i] = cpuMillis(terminal);
            stop(terminal);
            Matcher m = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(ready.log()));
            quarkusSays.add(m.find() ? m.group(1) : "?");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%nterminal cold start (java @jvm.options %s-jar quarkus-run.jar in its directory, as in the README: %s; process start"
                        + " -> GET /q/health/ready 200), %d starts:%n",
                options.terminalJvmOptions().isEmpty() ? "" : String.join(" ", options.terminalJvmOptions()) + " ",
                jvmOptionsFile(), nanos.length);
        System.out.printf("  median %.2f s, p95 %.2f s, min %.2f s, max %.2f s (in start order: %s s; Quarkus' own \"started in\": %s s)%n",
                median(nanos) / 1e9, p95(nanos) / 1e9, sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9,
                String.join(" ", Arrays.stream(nanos).mapToObj(n -> String.format("%.2f", n / 1e9)).toList()), String.join(" ", quarkusSays));
        System.out.printf("  CPU time used until ready (user+sys, all threads; less load-dependent than the wall clock): median %.2f s,"
                + " p95 %.2f s; RSS right after start: median %d MB%n", median(cpu) / 1e3, p95(cpu) / 1e3, median(rss) / 1024);
        System.out.printf("  target (issue 16): median <= 2 s on an idle machine; load average now %s%n", loadAverage());
    }

    // ---- card present -> decision shown --------------------------------------------------------------------------

    private void cardToDecision(String base) throws Exception {
        awaitReader(base, Duration.ofSeconds(30));
        List<SampleSenior> seniors = SampleRegister.baodi().seniors().stream()
                .filter(s -> s.primaryCard().kind() == CardKind.UID).limit(40).toList();
        Random phase = new Random(17);
        try (StateStream states = StateStream.open(base)) {
            long[] nanos = new long[options.taps()];
            long[] readNanos = new long[options.taps()];
            int subsidised = 0;
            for (int tap = -options.warmupTaps(); tap < options.taps(); tap++) {
                SampleSenior senior = seniors.get(Math.floorMod(tap, seniors.size()));
                post(base + "/api/sale/clear");
                states.await(s -> s.path("preview").isNull() && s.path("presented").isNull(), Duration.ofSeconds(10));
                Instant insertedAt = Instant.now();
                long start = System.nanoTime();
                JsonNode decided;
                try (VirtualCard card = VirtualCard.uid(senior.primaryCard().identifier()).insert(READER_PORT)) {
                    decided = states.await(s -> s.path("preview").isObject() || s.path("error").isObject(), Duration.ofSeconds(10));
                    long took = System.nanoTime() - start;
                    if (!decided.path("preview").path("senior").path("idNumberMasked").asText().equals(senior.idNumber().masked())) {
                        throw new IllegalStateException("tap " + tap + ": expected a decision for " + senior.idNumber().masked()
                                + ", the terminal showed " + decided);
                    }
                    if (tap >= 0) {
                        nanos[tap] = took;
                        Instant readAt = Instant.parse(get(base + "/api/card-reader").path("lastReadAt").asText());
                        readNanos[tap] = Duration.between(insertedAt, readAt).toNanos();
                        subsidised += decided.path("preview").path("subsidised").asBoolean() ? 1 : 0;
                    }
                }
                awaitNoCard(base);
                // the next senior comes at any moment, not just after pcscd has polled the reader (it polls vpcd
                // every 400 ms): without this pause every tap would start at the same point of that cycle
                Thread.sleep(phase.nextInt(800));
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf("%ncard present -> decision shown (%d taps after %d warm-up taps, %d seniors' UID cards in turn; virtual card"
                            + " on vpcd's reader, pcscd, the terminal's reader thread, POST /api/counter/preview to the settlement"
                            + " service, the state on /api/sale/events):%n", nanos.length, options.warmupTaps(), seniors.size());
            System.out.printf("  median %.0f ms, p95 %.0f ms, max %.0f ms (%d subsidised, %d refused with a reason)%n",
                    median(nanos) / 1e6, p95(nanos) / 1e6, sorted[sorted.length - 1] / 1e6, subsidised, nanos.length - subsidised);
            long[] decide = new long[nanos.length];
            for (int i = 0; i < decide.length; i++) {
                decide[i] = nanos[i] - readNanos[i];
            }
            System.out.printf("  of which card on reader -> card read (pcscd polls vpcd every 400 ms, then PC/SC connect, APDU): median %.0f ms, p95 %.0f ms;"
                    + " card read -> decision on the stream: median %.0f ms, p95 %.0f ms%n",
                    median(readNanos) / 1e6, p95(readNanos) / 1e6, median(decide) / 1e6, p95(decide) / 1e6);
            System.out.printf("  target: median <= 300 ms; load average now %s%n", loadAverage());
        }
        post(base + "/api/sale/clear");
    }

    private static void awaitReader(String base, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = get(base + "/api/card-reader");
            if ("READY".equals(status.path("state").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the terminal's card reader is not ready: " + status);
    }

    private static void awaitNoCard(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (get(base + "/api/card-reader").path("cardPresent").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reader still sees a card 10 s after it was taken off");
            }
            Thread.sleep(10);
        }
    }

    /** The terminal's state stream, as the pages read it: each event timed when it arrives. */
    private static final class StateStream implements AutoCloseable {
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> response;

        private StateStream(String base) {
            response = HTTP.sendAsync(CounterApi.request(URI.create(base + "/api/sale/events"), counterToken)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            Thread reader = new Thread(() -> {
                try {
                    response.join().body().forEach(line -> {
                        if (line.startsWith("data:")) {
                            try {
                                events.add(JSON.readTree(line.substring(5)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                } catch (RuntimeException e) {
                    // closed
                }
            }, "state-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static StateStream open(String base) throws InterruptedException {
            StateStream stream = new StateStream(base);
            stream.await(s -> true, Duration.ofSeconds(10)); // the current state comes first
            return stream;
        }

        JsonNode await(Predicate<JsonNode> wanted, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                JsonNode state = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (state == null) {
                    throw new IllegalStateException("no such state on the stream within " + limit);
                }
                if (wanted.test(state)) {
                    return state;
                }
            }
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    // ---- camera frames through HTTP ----------------------------------------------------------------------------

    private void imageScans(String base, Settlement settlement) throws Exception {
        Random random = new Random(7);
        long[] nanos = new long[20];
        long seniorId = get(settlement.base() + "/api/register/seniors?q=" + SampleRegister.baodi().seniors().get(0).idNumber().value(),
                settlement.adminPassword()).path("items").get(0).path("id").asLong();
        for (int i = -3; i < nanos.length; i++) {
            HttpResponse<String> code = HTTP.send(HttpRequest.newBuilder(URI.create(settlement.base() + "/api/qr/seniors/" + seniorId + "/phone-code"))
                    .header("Authorization", basic(settlement.adminPassword())).header("X-Requested-By", "laorenjia")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = JSON.readTree(code.body()).path("token").asText();
            byte[] jpeg = CameraFrames.jpeg(CameraFrames.frame(random, token, new CameraFrames.Shot(random.nextDouble() * 30 - 15, 6,
                    640 + random.nextInt(200) - 100, 360 + random.nextInt(100) - 50, true)));
            long start = System.nanoTime();
            HttpResponse<String> answer = HTTP.send(CounterApi.request(URI.create(base + "/api/scan/image"), counterToken)
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (answer.statusCode() != 200 || !answer.body().contains(token)) {
                throw new IllegalStateException("camera frame " + i + " answered " + answer.statusCode() + " " + answer.body());
            }
            if (i >= 0) {
                nanos[i] = took;
            }
            post(base + "/api/sale/clear");
        }
        System.out.printf("%ncamera frame -> scan answer (POST /api/scan/image, 1280x720 JPEG with a phone code the service issued:"
                        + " JPEG decode, QR, signature), %d frames: median %.1f ms, p95 %.1f ms%n",
                nanos.length, median(nanos) / 1e6, p95(nanos) / 1e6);
    }

    // ---- memory ------------------------------------------------------------------------------------------------

    private void memory(Process terminal) throws IOException, InterruptedException {
        System.out.printf("%nterminal resident memory after the taps and scans (/proc/%d/status): VmRSS %d MB, peak VmHWM %d MB;"
                        + " target <= 200 MB%n", terminal.pid(), statusKb(terminal, "VmRSS") / 1024, statusKb(terminal, "VmHWM") / 1024);
        // what the heap really holds, for sizing -Xmx: a full GC, then the used heap (read after RSS, which it may change)
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(terminal.pid()), "GC.run");
        String info = run(jcmd, Long.toString(terminal.pid()), "GC.heap_info");
        // one line per generation with the serial collector (young, tenured), one for the whole heap with G1
        Matcher generation = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        long committedKb = 0;
        long usedKb = 0;
        while (generation.find()) {
            committedKb += Long.parseLong(generation.group(1));
            usedKb += Long.parseLong(generation.group(2));
        }
        if (committedKb > 0) {
            System.out.printf("  heap after a full GC: %d MB used of %d MB committed%n", usedKb / 1024, committedKb / 1024);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** utime + stime of the process (all its threads) from /proc/PID/stat, in milliseconds. */
    private static long cpuMillis(Process process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    private static long statusKb(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + process.pid() + "/status");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    private void stop(Process process) {
        process.destroy(); // SIGTERM: Quarkus (and the embedded PostgreSQL) shut down cleanly
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        synchronized (started) {
            started.remove(process);
        }
    }

    private void stopEverything() {
        List<Process> running;
        synchronized (started) {
            running = new ArrayList<>(started);
        }
        // terminals first, the settlement service (started first) last
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i));
        }
        if (startedPcscd) {
            PcscDaemon.stop(); // it was not running before: leave the machine as found
            startedPcscd = false;
        }
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (!options.keep() && work != null && Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder
            }
        } else if (options.keep()) {
            System.out.println("logs kept in " + work);
        }
    }

    private static void awaitStatus(Process process, String url, Duration limit, Path log) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": the process exited with " + process.exitValue() + "; its log:\n"
                        + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " not ready within " + limit + "; see " + log);
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        return get(url, null);
    }

    private static JsonNode get(String url, String adminPassword) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (adminPassword != null) {
            request.header("Authorization", basic(adminPassword));
        } else if (counterToken != null) {
            request.header(CounterApi.TOKEN_HEADER, counterToken);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void post(String url) throws IOException, InterruptedException {
        HTTP.send(CounterApi.request(URI.create(url), counterToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The options of the jvm.options next to the terminal's jar (the java launcher's @-file: # starts a comment). */
    private String jvmOptionsFile() throws IOException {
        Path file = options.terminalJar().toAbsolutePath().getParent().resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the terminal (mvn package) first");
        }
        return String.join(" ", Files.readAllLines(file).stream().map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty()).toList());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String randomText() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Nearest-rank percentiles of what was measured. */
    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long p95(long[] values) {
        return percentile(values, 95);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
