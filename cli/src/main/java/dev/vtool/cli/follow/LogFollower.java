package dev.vtool.cli.follow;

import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.DiagnosisTally;
import dev.vtool.schema.diagnose.EntryGroup;
import dev.vtool.schema.diagnose.LogLineParser;
import dev.vtool.schema.diagnose.LogLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code diagnose --follow}: reads a log that keeps growing and prints each cause once, when its first
 * line arrives; every interval, if anything changed, one line of counts; and at the end (end of a
 * pipe, Ctrl-C, SIGTERM) the full report. The reading thread and the counts timer share the tally
 * under its lock; a signal ends reading at the next poll, or, when the reader is blocked on a pipe
 * that stays silent, prints the report itself and exits.
 */
public final class LogFollower {
    /** Groups named on one counts line; the rest are summed up as "N more". */
    static final int COUNTS_SHOWN = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DiagnosisTally tally;
    private final PrintStream out;
    private final long intervalMillis;
    private final Consumer<EntryGroup> printNew;
    private final Function<DiagnosisReport, Integer> printReport;
    private final Function<DiagnosisTally, DiagnosisReport> report;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CountDownLatch readingDone = new CountDownLatch(1);
    private final Map<String, Long> countsShown = new HashMap<>();
    private long unrecognisedShown;
    private int exitCode;

    /**
     * @param printNew    prints the block of a cause seen for the first time
     * @param report      makes the report from the tally (with the tailoring context)
     * @param printReport prints the final report and gives the exit code
     */
    public LogFollower(DiagnosisTally tally, PrintStream out, long intervalMillis, Consumer<EntryGroup> printNew,
                       Function<DiagnosisTally, DiagnosisReport> report,
                       Function<DiagnosisReport, Integer> printReport) {
        this.tally = tally;
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.printNew = printNew;
        this.report = report;
        this.printReport = printReport;
        tally.onNewGroup(g -> {
            printNew.accept(g);
            out.flush();
        });
    }

    /** True once Ctrl-C/SIGTERM asked to stop (a {@link FollowedFile} ends its stream then). */
    public boolean stopping() {
        return stopping.get();
    }

    /** Asks the follower to stop as after a signal (also used by tests). */
    public void stop() {
        stopping.set(true);
    }

    /** Reads the input to its end (or to a stop), then prints the report; returns the exit code. */
    public int follow(String name, InputStream in) throws IOException {
        Thread timer = new Thread(this::printCountsEvery, "diagnose-follow-counts");
        timer.setDaemon(true);
        timer.start();
        SignalStop signals = SignalStop.install(this::onSignal);
        try {
            LogLineParser parser;
            synchronized (tally) {
                parser = tally.startInput(name);
            }
            LogLineReader reader = new LogLineReader(in);
            long cut = 0;
            while (reader.advance()) {
                synchronized (tally) {
                    tally.addLine(parser, reader);
                    if (reader.cutLines() != cut) {
                        tally.addCutLines(reader.cutLines() - cut);
                        cut = reader.cutLines();
                    }
                }
            }
        } finally {
            readingDone.countDown();
            timer.interrupt();
            signals.restore();
        }
        return finish();
    }

    /** Prints the report once (the reader at its end, or a signal, whichever comes first). */
    private int finish() {
        synchronized (tally) {
            if (reported.compareAndSet(false, true)) {
                exitCode = printReport.apply(report.apply(tally));
                out.flush();
            }
            return exitCode;
        }
    }

    private void onSignal() {
        stopping.set(true);
        try {
            if (readingDone.await(2, TimeUnit.SECONDS)) {
                return; // the reader saw the stop and prints the report itself
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The reader is blocked on a silent pipe: report from here and end the process.
        int code = finish();
        System.exit(code);
    }

    private void printCountsEvery() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(intervalMillis);
                synchronized (tally) {
                    if (!reported.get()) {
                        printCounts();
                    }
                }
            }
        } catch (InterruptedException e) {
            // reading ended: the report follows
        }
    }

    /** One line with every group's count and its growth since the last such line; nothing if unchanged. */
    void printCounts() {
        DiagnosisReport r = tally.report(null);
        boolean changed = r.unrecognised() != unrecognisedShown;
        for (EntryGroup g : r.groups()) {
            changed |= countsShown.getOrDefault(g.entry().id(), 0L) != g.count();
        }
        if (!changed) {
            return;
        }
        StringBuilder line = new StringBuilder("[" + LocalTime.now().format(CLOCK) + "] counts after "
                + r.lines() + " lines:");
        List<EntryGroup> groups = r.groups().stream()
                .sorted(Comparator.comparingLong(EntryGroup::count).reversed()).toList();
        for (int i = 0; i < Math.min(COUNTS_SHOWN, groups.size()); i++) {
            EntryGroup g = groups.get(i);
            line.append(i == 0 ? " " : ", ").append(g.entry().id()).append(' ').append(g.count())
                    .append(growth(g.count(), countsShown.getOrDefault(g.entry().id(), 0L)));
        }
        if (groups.size() > COUNTS_SHOWN) {
            line.append(", ").append(groups.size() - COUNTS_SHOWN).append(" more");
        }
        if (r.unrecognised() > 0) {
            line.append(groups.isEmpty() ? " " : "; ").append("unrecognised ").append(r.unrecognised())
                    .append(growth(r.unrecognised(), unrecognisedShown));
        }
        out.println(line);
        out.flush();
        groups.forEach(g -> countsShown.put(g.entry().id(), g.count()));
        unrecognisedShown = r.unrecognised();
    }

    private static String growth(long now, long before) {
        return now > before && before > 0 ? " (+" + (now - before) + ")" : "";
    }
}
