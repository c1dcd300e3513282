package d2l.kernel.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runner's command line, parsed; bad usage throws with a message fit to print. */
public record RunnerOptions(
        List<Path> inputs,
        Path outDir,
        List<Path> kernelspecRoots,
        Map<String, String> env,
        Map<String, String> editions,
        Path outputsFrom,
        String progress,
        boolean brief,
        int jobs,
        List<String> first,
        boolean pages) {

    public static final String USAGE = """
      Usage: java -cp <kernel jar + deps> d2l.kernel.runner.NotebookRunner [options] NOTEBOOK.ipynb|DIR ...
      Executes each notebook top to bottom through the kernel's evaluation code and writes the
      executed notebook and an HTML page per notebook (and index.html) to the output directory.
      A directory runs all its notebooks, in the order its index.ipynb links them, then by name.
        -o, --out DIR            output directory (default: target/notebooks)
        -k, --kernelspecs DIR    a directory of kernelspec directories to look up the kernel a
                                 notebook names (repeatable; default: kernel/target/kernelspecs,
                                 target/kernelspecs, then the Jupyter kernel directories)
        -e, --env NAME=VALUE     set an environment variable for the notebooks (repeatable)
            --edition LANG=HREF  link the index page to the edition of the same notebooks in language
                                 LANG (en, vi), e.g. --edition vi=vi/index.html (repeatable)
            --outputs-from DIR   a notebook whose code cells are, cell for cell, those of DIR/NAME.ipynb
                                 (an executed copy, such as the other edition's) takes that copy's
                                 outputs instead of running, if every cell of the copy ran without
                                 an error; other notebooks run
            --progress WHERE     how to show the running cell, its time and its training epoch:
                                 terminal (one line redrawn in place), log (a line every 10 s
                                 while a cell runs longer), auto (default: terminal if there is one)
            --brief              end with the index page only, not the table of notebooks (a later
                                 step sums up; a failure is still summed up); the table is also
                                 in OUT/runner-summary.json
        -j, --jobs N|auto        run up to N notebooks at once, each in a process of its own whose
                                 models split their work over its share of the cores: cores/N
                                 while N run, more once fewer are left (capped by D2L_THREADS);
                                 auto is 2 on a machine with 2 cores or more, else 1 (default: 1).
                                 The outputs are those of a run one at a time, up to float rounding
            --first NAME         with --jobs, start notebook NAME (file name without .ipynb) before
                                 the others, e.g. the longest, so the rest run beside it (repeatable;
                                 pages and summary keep the chapter's order)
            --no-pages           write the executed notebooks and the summary, no HTML pages
        -h, --help               this text
      Exit status: 0 all notebooks ran, 1 a cell failed (named on stderr), 2 bad usage.
      """;

    public static RunnerOptions parse(String... args) {
        var inputs = new ArrayList<Path>();
        Path out = Path.of("target", "notebooks");
        var roots = new ArrayList<Path>();
        var env = new LinkedHashMap<String, String>();
        var editions = new LinkedHashMap<String, String>();
        Path outputsFrom = null;
        var progress = "auto";
        var brief = false;
        var jobs = 1;
        var first = new ArrayList<String>();
        var pages = true;
        for (var i = 0; i < args.length; i++) {
            var arg = args[i];
            switch (arg) {
                case "-o", "--out" -> out = Path.of(value(args, ++i, arg));
                case "-k", "--kernelspecs" -> roots.add(Path.of(value(args, ++i, arg)));
                case "-e", "--env" -> put(env, value(args, ++i, arg), arg, "NAME=VALUE");
                case "--edition" -> {
                    put(editions, value(args, ++i, arg), arg, "LANG=HREF");
                    editions.keySet().forEach(PageLabels::of); // an unknown language fails here, naming the known ones
                }
                case "--outputs-from" -> {
                    outputsFrom = Path.of(value(args, ++i, arg));
                    if (!Files.isDirectory(outputsFrom)) {
                        throw new IllegalArgumentException("--outputs-from " + outputsFrom
                                + " is not a directory; give the --out directory of the run whose outputs to reuse");
                    }
                }
                case "--progress" -> {
                    progress = value(args, ++i, arg);
                    if (!List.of("auto", "terminal", "log").contains(progress)) {
                        throw new IllegalArgumentException(
                                "--progress wants auto, terminal or log, got '" + progress + "'");
                    }
                }
                case "--brief" -> brief = true;
                case "-j", "--jobs" ->
                    jobs = jobs(value(args, ++i, arg), Runtime.getRuntime().availableProcessors());
                case "--first" -> first.add(value(args, ++i, arg));
                case "--no-pages" -> pages = false;
                case "-h", "--help" -> throw new HelpRequested();
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg + "; see --help");
                    }
                    var path = Path.of(arg);
                    if (!Files.exists(path)) {
                        throw new IllegalArgumentException("no such notebook or directory: " + arg);
                    }
                    inputs.add(path);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no notebook given; pass an .ipynb file or a directory of them");
        }
        if (roots.isEmpty()) {
            roots.addAll(defaultKernelspecRoots());
        }
        return new RunnerOptions(
                List.copyOf(inputs),
                out,
                List.copyOf(roots),
                Map.copyOf(env),
                java.util.Collections.unmodifiableMap(editions),
                outputsFrom,
                progress,
                brief,
                jobs,
                List.copyOf(first),
                pages);
    }

    /** {@code --jobs}: a whole number from 1, or "auto" (two on two cores or more, else one). */
    static int jobs(String value, int processors) {
        if (value.equals("auto")) {
            return Math.min(2, processors);
        }
        try {
            var jobs = Integer.parseInt(value);
            if (jobs >= 1) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                "--jobs wants a whole number of notebooks to run at once (1 or more) or auto, got '" + value + "'");
    }

    /** The build's own kernelspecs first (what this checkout builds), then installed ones. */
    static List<Path> defaultKernelspecRoots() {
        var roots = new ArrayList<Path>();
        roots.add(Path.of("kernel", "target", "kernelspecs"));
        roots.add(Path.of("target", "kernelspecs"));
        var jupyterPath = System.getenv("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (var dir : jupyterPath.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    roots.add(Path.of(dir, "kernels"));
                }
            }
        }
        var dataDir = System.getenv("JUPYTER_DATA_DIR");
        roots.add(
                dataDir != null
                        ? Path.of(dataDir, "kernels")
                        : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter", "kernels"));
        roots.add(Path.of("/usr/local/share/jupyter/kernels"));
        roots.add(Path.of("/usr/share/jupyter/kernels"));
        return roots;
    }

    private static void put(Map<String, String> map, String pair, String option, String form) {
        var eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
            throw new IllegalArgumentException(option + " wants " + form + ", got '" + pair + "'");
        }
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Thrown for -h: not an error, the caller prints usage and exits 0. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
