import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (bench/probes) Splits each call of a one-connection run into what Liberty's request thread did, from the JFR socket,
 * park and monitor events of bench/probes/latency-events.sh: the end of Liberty's read of the request, the upstream
 * write and read (Apache HttpClient), the start of Liberty's response write; and the time the thread spent parked or
 * waiting for a monitor in between. Prints p50 / p90 / p99 of each part.
 *   java bench/probes/LatencySplit.java <recording.jfr>
 */
public class LatencySplit {

    record Io(Instant start, Instant end, String kind) {
    }

    public static void main(String[] args) throws Exception {
        Map<Long, List<Io>> byThread = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (e.getThread() == null || e.getThread().getJavaName() == null
                    || !e.getThread().getJavaName().startsWith("Default Executor")) {
                continue;
            }
            String kind = kind(e);
            if (kind != null) {
                byThread.computeIfAbsent(e.getThread().getJavaThreadId(), t -> new ArrayList<>())
                        .add(new Io(e.getStartTime(), e.getEndTime(), kind));
            }
        }
        List<Double> before = new ArrayList<>(), upstream = new ArrayList<>(), after = new ArrayList<>(), waited = new ArrayList<>();
        for (List<Io> events : byThread.values()) {
            events.sort(Comparator.comparing(Io::start));
            Instant read = null, sent = null, answered = null;
            double wait = 0;
            for (Io io : events) {
                switch (io.kind()) {
                    case "request-read" -> { read = io.end(); sent = null; answered = null; wait = 0; }
                    case "upstream-write" -> { if (read != null && sent == null) sent = io.start(); }
                    case "upstream-read" -> { if (sent != null) answered = io.end(); }
                    case "wait" -> { if (read != null) wait += ms(io.start(), io.end()); }
                    case "response-write" -> {
                        if (read != null && sent != null && answered != null) {
                            before.add(ms(read, sent));
                            upstream.add(ms(sent, answered));
                            after.add(ms(answered, io.start()));
                            waited.add(wait);
                        }
                        read = null;
                    }
                    default -> { }
                }
            }
        }
        System.out.println(before.size() + " calls");
        print("request read -> upstream write", before);
        print("upstream write -> answer read", upstream);
        print("answer read -> response write", after);
        print("parked or waiting on a monitor in between", waited);
    }

    /** What the event is, by its type and the frames under it; null when it is none of these. */
    private static String kind(RecordedEvent e) {
        String type = e.getEventType().getName();
        if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorWait") || type.equals("jdk.JavaMonitorEnter")) {
            return under(e, "com.ibm.ws.threading.internal.ConcurrentPriorityBlockingQueue") ? null : "wait"; // idle, not in a call
        }
        boolean write = type.equals("jdk.SocketWrite");
        if (!write && !type.equals("jdk.SocketRead")) {
            return null;
        }
        if (under(e, "com.ibm.ws.tcpchannel.internal.NioSocketIOChannel")) {
            return write ? "response-write" : "request-read";
        }
        if (under(e, "org.apache.hc.core5")) {
            return write ? "upstream-write" : "upstream-read";
        }
        return null;
    }

    private static boolean under(RecordedEvent e, String prefix) {
        if (e.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.getMethod().getType().getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static double ms(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toNanos() / 1e6;
    }

    private static void print(String what, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf("%-44s no call%n", what);
            return;
        }
        List<Double> sorted = values.stream().sorted().toList();
        System.out.printf("%-44s p50 %7.3f  p90 %7.3f  p99 %7.3f ms%n", what, at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99));
    }

    private static double at(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }
}
