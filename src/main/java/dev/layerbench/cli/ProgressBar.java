package dev.layerbench.cli;

import dev.layerbench.unpack.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, drawn only when stderr's console is a terminal and only once the work has run
 * for a second (short work shows nothing). {@link #close()} erases it.
 */
final class ProgressBar implements AutoCloseable {

    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 200;
    private static final int WIDTH = 30;

    private final Thread thread;
    private final PrintWriter err;
    private volatile boolean drawn;

    private ProgressBar(Progress progress, PrintWriter err, String label) {
        this.err = err;
        this.thread = Thread.ofPlatform().daemon().name("progress").unstarted(() -> {
            try {
                Thread.sleep(DELAY_MS);
                while (true) {
                    draw(progress, label);
                    Thread.sleep(PERIOD_MS);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
    }

    /** Starts a bar when the console is a terminal; otherwise returns one that draws nothing. */
    static ProgressBar startIfTerminal(Progress progress, PrintWriter err, String label) {
        ProgressBar bar = new ProgressBar(progress, err, label);
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) {
            bar.thread.start();
        }
        return bar;
    }

    private synchronized void draw(Progress p, String label) {
        long total = Math.max(1, p.total());
        double f = Math.min(1.0, p.done() / (double) total);
        int filled = (int) Math.round(f * WIDTH);
        err.print(String.format(
                Locale.ROOT,
                "\r%s [%s%s] %3.0f%% %.1f/%.1f MB",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                f * 100,
                p.done() / 1e6,
                total / 1e6));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
