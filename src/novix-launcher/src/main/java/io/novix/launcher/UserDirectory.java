package io.novix.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private copy of the built Liberty user directory (server.xml, includes, the EAR, the JDBC
 * driver) under a stack's home, used through WLP_USER_DIR. Several stacks can then run side by
 * side from one runtime, each with its own logs. The workarea is kept between starts (warm start).
 */
final class UserDirectory {

    private UserDirectory() {
    }

    static Path prepare(Path wlp, Path home) throws IOException {
        Path source = wlp.resolve("usr");
        Path target = home.resolve("wlp-usr");
        if (Files.exists(target)) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.sorted(Comparator.reverseOrder())
                        .filter(p -> !p.equals(target) && !inWorkarea(target, p))
                        .forEach(UserDirectory::deleteQuietly);
            }
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName().toString();
                if (!dir.equals(source) && (name.equals("workarea") || name.equals("logs") || name.equals("expanded"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    private static boolean inWorkarea(Path root, Path p) {
        Path rel = root.relativize(p);
        for (Path part : rel) {
            if (part.toString().equals("workarea")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path p) {
        try {
            if (!Files.isDirectory(p) || isEmpty(p)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
