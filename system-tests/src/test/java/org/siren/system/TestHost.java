package org.siren.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A booted Debian host: systemd as PID 1 in a Docker container, on the host's network, with the
 * capabilities systemd and nested systemd-nspawn need (DESIGN.md lists what works here). The image
 * store is a bind mount, since an overlay's upper layer cannot live on Docker's own overlay.
 */
final class TestHost implements AutoCloseable {

    /** What a command printed and how it ended. */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return "exit " + exit + "\n" + stdout + stderr;
        }
    }

    private final GenericContainer<?> container;

    private TestHost(GenericContainer<?> container) {
        this.container = container;
    }

    @SuppressWarnings("resource")
    static TestHost boot(String image, Path store, Path bundle) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName("siren-host").getHostConfig()
                        .withNetworkMode("host")
                        .withCapAdd(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.MKNOD, Capability.SYS_PTRACE,
                                Capability.SYS_CHROOT)
                        .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                        .withBinds(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.rw),
                                new Bind(store.toString(), new Volume("/var/lib/siren")))
                        .withTmpFs(Map.of("/run", "rw,exec,mode=755", "/tmp", "rw,exec,mode=1777")))
                .withEnv("container", "docker")
                .withCommand("/lib/systemd/systemd")
                .withCopyFileToContainer(MountableFile.forHostPath(bundle), "/opt/siren")
                .withStartupTimeout(Duration.ofMinutes(2));
        container.start();
        TestHost host = new TestHost(container);
        host.awaitBoot();
        return host;
    }

    /** Waits until systemd has finished booting (running, or degraded by a unit a container lacks). */
    void awaitBoot() {
        long deadline = System.currentTimeMillis() + 120_000;
        String state = "";
        while (System.currentTimeMillis() < deadline) {
            state = sh("systemctl is-system-running").stdout().trim();
            if (state.equals("running") || state.equals("degraded")) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("the test host did not finish booting: " + state + "\n"
                + sh("systemctl --failed --no-pager; journalctl -b --no-pager | tail -40").all());
    }

    /** Runs a shell command as root. */
    Result sh(String command) {
        return exec(List.of("sh", "-c", command));
    }

    /** Runs a shell command as a user, with a login environment. */
    Result as(String user, String command) {
        return exec(List.of("runuser", "-l", user, "-c", command));
    }

    private Result exec(List<String> argv) {
        try {
            Container.ExecResult r = container.execInContainer(argv.toArray(String[]::new));
            return new Result(r.getExitCode(), r.getStdout(), r.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies a file of this machine into the host. */
    void copy(Path file, String target) {
        container.copyFileToContainer(MountableFile.forHostPath(file), target);
    }

    /** Restarts the container: systemd boots again, /run and /tmp start empty, the rest stays. */
    void reboot() {
        container.getDockerClient().restartContainerCmd(container.getContainerId()).withTimeout(30).exec();
        awaitBoot();
    }

    /** Polls a shell condition (exit 0) until it holds. */
    void await(String what, long millis, String condition) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (sh(condition).exit() == 0) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("timed out after " + millis + " ms waiting for " + what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
