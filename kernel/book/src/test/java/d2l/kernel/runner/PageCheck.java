package d2l.kernel.runner;

import d2l.kernel.frontend.PythonEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs kernel/frontend-fixtures/python-drivers/check_pages.py: the runner's pages opened from disk in headless Chromium. */
final class PageCheck {
    static final Path SCRIPT =
            Path.of("../frontend-fixtures/python-drivers/check_pages.py").toAbsolutePath();

    /** Exit status and output of one check. */
    record Result(int exitCode, String output) {}

    private PageCheck() {}

    /** Checks every page in {@code pages}; screenshots of {@code names} go to {@code screenshots}. */
    static Result run(Path pages, Path screenshots, String... names) throws Exception {
        PythonEnv.require("/usr/bin/chromium", "/usr/bin/chromedriver");
        PythonEnv.requireModules("selenium");
        var command = new ArrayList<>(List.of(
                PythonEnv.PYTHON,
                SCRIPT.toString(),
                pages.toAbsolutePath().toString(),
                screenshots.toAbsolutePath().toString()));
        command.addAll(List.of(names));
        var log = Files.createTempFile("check-pages", ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        var output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.println("--- check_pages.py " + pages + "\n" + output);
        return new Result(process.exitValue(), output);
    }
}
