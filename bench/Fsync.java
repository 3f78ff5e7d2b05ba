import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The disk's fsync latency, beside the audit figures: {@code java bench/Fsync.java <dir> [n]} writes 8 KiB
 * and forces it to disk n times (like a PostgreSQL WAL flush), and prints "p50 p99" in milliseconds.
 */
public class Fsync {
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile(Path.of(args[0]), "fsync", ".bin");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        double[] ms = new double[n];
        ByteBuffer page = ByteBuffer.allocate(8192);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < n; i++) {
                page.clear();
                ch.write(page, (long) (i % 64) * 8192);
                long t = System.nanoTime();
                ch.force(false);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(ms);
        System.out.printf("%.3f %.3f%n", ms[n / 2], ms[(int) Math.ceil(n * 0.99) - 1]);
    }
}
