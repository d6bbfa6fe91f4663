package io.orderplatform.runtime.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service run in a child JVM, as an operator runs it: started from its main class with the test's
 * class path, stopped with SIGTERM or killed with SIGKILL, its output kept in a log file. For what
 * only a real process shows: stop times, restarts, crashes at chosen moments.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code --server.port=port} and the given arguments.
     *
     * @param log where the child's output goes
     */
    public static ServiceProcess start(Class<?> mainClass, int port, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                mainClass.getName(),
                "--server.port=" + port));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire hands the real class path to tests in this property; elsewhere the JVM's own is it. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits until the service reports itself ready to take traffic. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGTERM and waits for the process to exit; returns how long it took. */
    public Duration terminate(Duration timeout) {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(timeout);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sends SIGKILL: the process dies at once, leaving whatever it held (group membership, locks). */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** Waits for the process to end by itself (e.g. a fault hook that halts it). */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the service did not exit within " + timeout + "; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
