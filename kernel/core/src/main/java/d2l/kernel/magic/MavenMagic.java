package d2l.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import d2l.kernel.display.Html;

/**
 * {@code %maven group:artifact:version ...}: resolves artifacts and their transitive run-time
 * dependencies from Maven Central (and the user's Maven settings) into the local repository
 * ({@code ~/.m2}), then adds them to the class path. Resolution is Maven's own, run as
 * {@code mvn dependency:build-classpath} on a throw-away POM, so mirrors, proxies and offline mode
 * from {@code ~/.m2/settings.xml} apply. Coordinates may be {@code g:a:v}, {@code g:a:type:v} or
 * {@code g:a:type:classifier:v}.
 */
final class MavenMagic implements Magics.LineMagic {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-\\[\\],()]+");

    @Override
    public void run(String args, MagicContext context) {
        var coordinates = Arrays.stream(args.split("\\s+")).filter(s -> !s.isBlank()).toList();
        if (coordinates.isEmpty()) throw new MagicException("%maven needs coordinates, e.g. %maven org.knowm.xchart:xchart:3.8.8");
        context.addToClasspath(resolve(coordinates));
    }

    static List<String> resolve(List<String> coordinates) {
        String mvn = findMaven();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kernel-maven");
            Path pom = dir.resolve("pom.xml");
            Path output = dir.resolve("classpath.txt");
            Files.writeString(pom, pom(coordinates));
            var command = List.of(mvn, "-B", "-q", "-f", pom.toString(),
                    "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                    "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + output);
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0 || !Files.exists(output)) {
                throw new MagicException("%maven could not resolve " + String.join(" ", coordinates) + ":\n" + tail(log));
            }
            String classpath = Files.readString(output).strip();
            return classpath.isEmpty() ? List.of() : List.of(classpath.split(File.pathSeparator));
        } catch (IOException e) {
            throw new MagicException("%maven failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("%maven was interrupted");
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    static String pom(List<String> coordinates) {
        var deps = new StringBuilder();
        for (String c : coordinates) {
            var parts = c.split(":");
            if (parts.length < 3 || parts.length > 5 || !Arrays.stream(parts).allMatch(p -> PART.matcher(p).matches())) {
                throw new MagicException("%maven: '" + c + "' is not group:artifact:version (or group:artifact:type[:classifier]:version)");
            }
            deps.append("    <dependency><groupId>").append(Html.escape(parts[0]))
                .append("</groupId><artifactId>").append(Html.escape(parts[1]))
                .append("</artifactId><version>").append(Html.escape(parts[parts.length - 1])).append("</version>");
            if (parts.length >= 4) deps.append("<type>").append(Html.escape(parts[2])).append("</type>");
            if (parts.length == 5) deps.append("<classifier>").append(Html.escape(parts[3])).append("</classifier>");
            deps.append("</dependency>\n");
        }
        return """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>kernel.maven</groupId>
              <artifactId>resolve</artifactId>
              <version>0</version>
              <dependencies>
            %s  </dependencies>
            </project>
            """.formatted(deps);
    }

    private static String findMaven() {
        var candidates = new ArrayList<Path>();
        for (String home : new String[] {System.getenv("MAVEN_HOME"), System.getenv("M2_HOME")}) {
            if (home != null) candidates.add(Path.of(home, "bin", "mvn"));
        }
        String path = System.getenv("PATH");
        if (path != null) for (String dir : path.split(File.pathSeparator)) candidates.add(Path.of(dir, "mvn"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new MagicException("%maven needs Maven's mvn command on PATH (or MAVEN_HOME set). "
                        + "Install Maven, or download the jars yourself and use %classpath."));
    }

    private static String tail(String log) {
        var lines = log.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }
}
