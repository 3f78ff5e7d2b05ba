package it.novix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' pinned npm packages, installed once into target/ from a package.json in src/test (npm's cache makes later runs quick). */
final class Npm {

    private Npm() {
    }

    /** Copies {@code files} from {@code source} into {@code dir} and runs npm install unless {@code installed} exists there. */
    static Path install(Path source, Path dir, List<String> files, String installed) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String f : files) {
            Files.copy(source.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve(installed))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm install did not finish");
            assertEquals(0, npm.exitValue(), "npm install failed: " + log);
        }
        return dir;
    }
}
