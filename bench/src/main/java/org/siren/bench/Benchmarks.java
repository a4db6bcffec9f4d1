package org.siren.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.siren.daemon.image.StoreLayout;
import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;
import org.siren.testing.TestDaemonMain;
import org.siren.testing.TestStore;

/**
 * siren side by side with its peers, measured in one run on one debootstrapped base: builds against
 * docker build (classic builder, same rootfs imported), containers against cp -a, and siren's own
 * latencies, memory and chain mounts. sirend runs as its own process (on a private system bus with
 * the real polkitd, mounts made from its unit files), driven by the real sirenctl.
 */
public final class Benchmarks {

    private static final Path CACHE = Path.of("/var/cache/siren-bench");
    private static final String DOCKER = "/usr/bin/docker";
    private static final String DOCKER_BASE = "siren-bench-debian";
    /** The flags of packaging/sirend.in and sirenctl.in, so that what is measured is what is installed. */
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xss512k");
    private static final List<String> DAEMON_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=16m", "-Xms8m", "-Xmx256m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20",
            "-XX:MaxMetaspaceSize=64m");
    private Path clientArchive;

    private final boolean quick;
    private final Report report = new Report();
    private final Path root = SirenEnvironment.projectRoot();
    private Path dir;
    private StoreLayout layout;
    private String address;
    private Process daemon;

    private Benchmarks(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        Benchmarks bench = new Benchmarks(List.of(args).contains("--quick"));
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    private int runs(int full) {
        return quick ? Math.max(1, full / 3) : full;
    }

    private void run() throws Exception {
        Path rootfs = debootstrappedBase();
        address = SirenEnvironment.shared().bus.address();
        dir = Files.createTempDirectory(Path.of("/var/tmp"), "siren-bench-");
        layout = TestStore.under(dir);
        Processes.check(List.of("cp", "-a", rootfs.toString(), layer("debian").toString()));
        clientArchive = dir.resolve("sirenctl.jsa");
        double ready = startDaemon();
        Processes.check(List.of("sh", root.resolve("packaging/make-cds-archive.sh").toString(), clientClasspath(),
                clientArchive.toString(), address));
        report.absolute("daemon.ready", "sirend start to ready", ready, "ms", 1000);
        report.absolute("daemon.rss.idle", "sirend resident memory, idle", rss(), "MiB", 60);

        Path context = buildContext();
        builds(context);
        containers();
        latencies();
        chainMounts();
        concurrentBuilds();
        report.absolute("daemon.rss.after", "sirend resident memory after the builds", rss(), "MiB", Double.NaN);
        System.out.println();
        System.out.println("siren benchmarks on " + machine() + (quick ? " (--quick: fewer runs)" : ""));
        System.out.println();
        report.print();
    }

    private void builds(Path context) throws Exception {
        dockerImport();
        sirenctl("build", context.toString());
        double freshSiren = Timing.medianMillis(runs(5), () -> timeChecked(sirenctlArgv("build", "--no-cache",
                context.toString())));
        double freshDocker = Timing.medianMillis(runs(5), () -> timeChecked(List.of("env", "DOCKER_BUILDKIT=0", DOCKER,
                "build", "--no-cache", "--network=host", "-q", "-t", "siren-bench-build", context.toString())));
        report.versus("build.fresh", "fresh build {RUN, copy, RUN}", freshSiren, "docker build --no-cache", freshDocker,
                "ms", 0.5);
        double freshCall = Timing.medianMillis(runs(5), () -> buildOverBus(context));
        report.versus("buildcall.fresh", "the same, Build over busctl (no client JVM)", freshCall,
                "docker build --no-cache", freshDocker, "ms", 0.5);
        double cachedSiren = Timing.medianMillis(runs(5), () -> timeChecked(sirenctlArgv("build", context.toString())));
        double cachedDocker = Timing.medianMillis(runs(5), () -> timeChecked(List.of("env", "DOCKER_BUILDKIT=0", DOCKER,
                "build", "--network=host", "-q", "-t", "siren-bench-build", context.toString())));
        report.versus("build.cached", "unchanged rebuild", cachedSiren, "docker build (cached)", cachedDocker, "ms", 1.5);
    }

    /** Build (no-cache) with busctl, then polls the job's State until it ends; the daemon's side of a build. */
    private long buildOverBus(Path context) {
        long start = System.nanoTime();
        String job = Processes.check(List.of("busctl", "--address=" + address, "call", "org.siren.Builder",
                "/org/siren/Builder", "org.siren.Builder1", "Build", "ssa{sv}", context.toString(), "build.sh", "1",
                "no-cache", "b", "true")).trim().replaceAll("^o \"|\"$", "");
        while (true) {
            String state = Processes.check(List.of("busctl", "--address=" + address, "get-property",
                    "org.siren.Builder", job, "org.siren.Job1", "State")).trim();
            if (!state.equals("s \"running\"")) {
                if (!state.equals("s \"succeeded\"")) {
                    throw new IllegalStateException("the build over busctl ended " + state);
                }
                return System.nanoTime() - start;
            }
        }
    }

    private void containers() throws Exception {
        long baseBytes = du(layer("debian"));
        Path big = layer("big");
        Processes.check(List.of("cp", "-a", layer("debian").toString(), big.toString()));
        long ballast = quick ? 300 : 1800;
        Processes.check(List.of("dd", "if=/dev/zero", "of=" + big.resolve("ballast"), "bs=1M", "count=" + ballast,
                "status=none"));
        long bigBytes = du(big);
        int[] counter = {0};
        for (String base : List.of("debian", "big")) {
            long bytes = base.equals("debian") ? baseBytes : bigBytes;
            String size = String.format("%.0f MB", bytes / 1e6);
            Processes.check(List.of("sync"));
            double sirenNew = Timing.medianMillis(runs(5), () -> timeChecked(sirenctlArgv("new", "c" + counter[0]++,
                    base)));
            double copy = Timing.medianMillis(runs(3), () -> {
                Path target = dir.resolve("copy");
                // Written-back first, so that cp -a is not slowed by earlier writes (the ballast above).
                Processes.check(List.of("sync"));
                long t = timeChecked(List.of("cp", "-a", layer(base).toString(), target.toString()));
                Processes.check(List.of("rm", "-rf", target.toString()));
                return t;
            });
            report.versus("new." + base, "sirenctl new on a " + size + " base", sirenNew, "cp -a", copy, "ms", 0.05);
            double busNew = Timing.medianMillis(runs(5), () -> timeChecked(List.of("busctl", "--address=" + address,
                    "call", "org.siren.Builder", "/org/siren/Builder", "org.siren.Builder1", "NewContainer", "ssa{sv}",
                    "b" + counter[0]++, base, "0")));
            report.versus("newcall." + base, "NewContainer over busctl, " + size + " base", busNew, "cp -a", copy, "ms",
                    0.05);
        }
    }

    private void latencies() throws Exception {
        double list = Timing.medianMillis(runs(10), () -> timeChecked(sirenctlArgv("list")));
        report.absolute("sirenctl.list", "sirenctl list (a new JVM each time)", list, "ms", 150);
        double busctl = Timing.medianMillis(runs(20), () -> timeChecked(List.of("busctl", "--address=" + address, "call",
                "org.siren.Builder", "/org/siren/Builder", "org.siren.Builder1", "ListImages")));
        report.absolute("busctl.list", "busctl call ListImages", busctl, "ms", 10);
        double jvm = Timing.medianMillis(runs(10), () -> timeChecked(jvmArgv("-version")));
        report.absolute("floor.jvm", "floor: a bare JVM with sirenctl's flags", jvm, "ms", Double.NaN);
        double bus = Timing.medianMillis(runs(20), () -> timeChecked(List.of("busctl", "--address=" + address, "call",
                "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames")));
        report.absolute("floor.busctl", "floor: busctl call ListNames (the bus alone)", bus, "ms", Double.NaN);
    }

    private void chainMounts() throws Exception {
        String below = "debian";
        List<Integer> depths = List.of(10, 100, 200);
        for (int i = 1; i <= 200; i++) {
            String name = "chain" + i;
            Processes.check(List.of("busctl", "--address=" + address, "call", "org.siren.Builder", "/org/siren/Builder",
                    "org.siren.Builder1", "NewContainer", "ssa{sv}", name, below, "0"));
            below = name;
            if (depths.contains(i)) {
                String options = mountOptions(name);
                Path target = Files.createDirectories(dir.resolve("mnt" + i));
                double mount = Timing.medianMillis(runs(5), () -> {
                    long t = timeChecked(List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
                    Processes.check(List.of("umount", target.toString()));
                    return t;
                });
                report.absolute("mount.chain" + (i + 1), "mount a chain of " + (i + 1) + " layers (mount(8) included)",
                        mount, "ms", Double.NaN);
            }
        }
    }

    private String mountOptions(String name) throws IOException {
        String unit = Files.readString(org.siren.daemon.units.ImageUnits.of(org.siren.daemon.image.ImageName.parse(name),
                layout).mountUnitFile());
        return unit.lines().filter(l -> l.startsWith("Options=")).findFirst().orElseThrow().substring("Options=".length())
                .replaceFirst("upperdir=[^,]*,workdir=[^,]*,", "").replaceFirst("^", "ro,");
    }

    private void concurrentBuilds() throws Exception {
        List<Path> contexts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            contexts.add(context("par" + i));
        }
        double one = Timing.medianMillis(runs(3), () -> timeChecked(sirenctlArgv("build", "--no-cache",
                contexts.get(0).toString())));
        long start = System.nanoTime();
        List<CompletableFuture<Processes.Result>> all = new ArrayList<>();
        for (Path context : contexts) {
            all.add(CompletableFuture.supplyAsync(() -> Processes.run(sirenctlArgv("build", "--no-cache",
                    context.toString()))));
        }
        for (CompletableFuture<Processes.Result> build : all) {
            Processes.Result r = build.get();
            if (r.exit() != 0) {
                throw new IllegalStateException("a concurrent build failed: " + r.all());
            }
        }
        double eight = (System.nanoTime() - start) / 1e6;
        int cores = Runtime.getRuntime().availableProcessors();
        report.versus("build.parallel8", "8 builds at once", eight, "8 x one / " + cores + " cores",
                8 * one / cores, "ms", 1.0);
    }

    private Path layer(String name) {
        return layout.layer(org.siren.daemon.image.ImageName.parse(name));
    }

    private Path buildContext() throws IOException {
        return context("bench");
    }

    private Path context(String id) throws IOException {
        Path context = Files.createDirectories(dir.resolve("ctx-" + id));
        Files.writeString(context.resolve("file.txt"), "a context file\n");
        Files.writeString(context.resolve("build.sh"), "FROM debian\nID " + id + " 1\nRUN sh -c 'echo one > /one'\n"
                + "cp file.txt $root/file.txt\nRUN sh -c 'cat /file.txt > /two'\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DOCKER_BASE + "\nRUN sh -c 'echo one > /one'\n"
                + "COPY file.txt /file.txt\nRUN sh -c 'cat /file.txt > /two'\n");
        Files.writeString(context.resolve(".sirenignore"), "./Dockerfile\n");
        Files.writeString(context.resolve(".dockerignore"), "build.sh\n.sirenignore\n");
        return context;
    }

    private Path debootstrappedBase() {
        Path base = CACHE.resolve("debian");
        if (!Files.isDirectory(base.resolve("usr/bin"))) {
            System.out.println("bench: debootstrapping the base into " + base + " (once)...");
            Processes.check(List.of("mkdir", "-p", CACHE.toString()));
            Processes.check(List.of("debootstrap", "--variant=minbase", "bookworm", base.toString(),
                    "http://deb.debian.org/debian"));
        }
        return base;
    }

    private void dockerImport() {
        if (Processes.run(List.of(DOCKER, "image", "inspect", DOCKER_BASE)).exit() != 0) {
            Processes.check(List.of("sh", "-c", "tar --numeric-owner -C " + layer("debian") + " -c . | " + DOCKER
                    + " import - " + DOCKER_BASE));
        }
    }

    private double startDaemon() throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(JVM);
        argv.addAll(DAEMON_JVM);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), TestDaemonMain.class.getName(), dir.toString(),
                address));
        long start = System.nanoTime();
        daemon = new ProcessBuilder(argv).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            System.out.println("sirend: " + line);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // Keep the pipe from filling.
                }
            } catch (IOException e) {
                // The daemon is gone.
            }
        });
        return millis;
    }

    private double rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for sirend");
    }

    private List<String> sirenctlArgv(String... args) {
        List<String> argv = new ArrayList<>(List.of("env", "DBUS_SYSTEM_BUS_ADDRESS=" + address));
        argv.addAll(jvmArgv("-XX:SharedArchiveFile=" + clientArchive, "-cp", clientClasspath(),
                "org.siren.client.Sirenctl"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** java with the flags of packaging/sirenctl.in, then these arguments. */
    private static List<String> jvmArgv(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        argv.addAll(JVM);
        argv.addAll(List.of(args));
        return argv;
    }

    private String clientClasspath() {
        return root.resolve("siren-client/target") + "/siren-client-0.1.0-SNAPSHOT.jar:" + root.resolve(
                "siren-client/target/lib") + "/*";
    }

    private void sirenctl(String... args) {
        Processes.Result r = Processes.run(sirenctlArgv(args));
        if (r.exit() != 0) {
            throw new IllegalStateException("sirenctl " + String.join(" ", args) + " failed: " + r.all());
        }
    }

    private static long timeChecked(List<String> argv) {
        long start = System.nanoTime();
        Processes.Result r = Processes.run(argv, Map.of(), null);
        long elapsed = System.nanoTime() - start;
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.all());
        }
        return elapsed;
    }

    private static long du(Path path) {
        return Long.parseLong(Processes.check(List.of("du", "-s", "--block-size=1", path.toString())).split("\\s+")[0]);
    }

    private static String machine() {
        String cpu = Processes.run(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")).stdout().trim();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Processes.run(List.of("sh", "-c", "free -g | awk '/Mem:/ {print $2}'")).stdout().trim() + " GiB, kernel "
                + Processes.run(List.of("uname", "-r")).stdout().trim() + ", "
                + Processes.run(List.of("sh", "-c", "df -T /var/tmp | awk 'NR==2 {print $2}'")).stdout().trim();
    }

    private void cleanUp() {
        if (daemon != null) {
            daemon.destroyForcibly();
            try {
                daemon.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            TestStore.unmountAll(dir);
            Processes.run(List.of("rm", "-rf", "--one-file-system", dir.toString()));
        }
    }
}
