package d2l.kernel.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Headless notebook runner: executes notebooks through the kernel's in-process evaluation code
 * and writes, per notebook, the executed {@code .ipynb} and an {@code .html} page, plus an
 * {@code index.html}. Stops at the first failing cell, names it, and exits non-zero.
 */
public final class NotebookRunner {
  /** Marks a child JVM started to carry variables or JVM options, so it does not fork again. */
  static final String FORKED_PROPERTY = "d2l.runner.forked";
  private static final String INDEX = "index";

  private final CellEvaluator.Factory sessions;
  private final PrintStream log;

  public NotebookRunner(CellEvaluator.Factory sessions, PrintStream log) {
    this.sessions = sessions;
    this.log = log;
  }

  public static void main(String[] args) {
    System.exit(run(args, new KernelSessions(), System.out, System.err));
  }

  /** The whole command: parse, maybe re-launch with the requested environment, run. */
  static int run(String[] args, CellEvaluator.Factory sessions, PrintStream out, PrintStream err) {
    RunnerOptions options;
    try {
      options = RunnerOptions.parse(args);
    } catch (RunnerOptions.HelpRequested help) {
      out.print(RunnerOptions.USAGE);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("NotebookRunner: " + e.getMessage());
      err.print(RunnerOptions.USAGE);
      return 2;
    }
    try {
      var notebooks = notebooks(options);
      var env = requiredEnv(notebooks, options);
      var vmOptions = missingVmOptions(notebooks, options, ManagementFactory.getRuntimeMXBean().getInputArguments());
      if ((!env.isEmpty() || !vmOptions.isEmpty()) && System.getProperty(FORKED_PROPERTY) == null) {
        // A JVM cannot change its own environment (notebooks and ND4J read it with getenv), nor
        // its JIT settings, which decide how fast the notebooks' own code runs.
        return relaunch(args, env, vmOptions);
      }
      var failure = new NotebookRunner(sessions, out).runAll(notebooks, options);
      if (failure != null) {
        err.println("NotebookRunner: " + failure.describe());
        return 1;
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("NotebookRunner: " + e.getMessage());
      return 2;
    }
  }

  /** The notebooks to run, in order: files as given, directories in chapter order. */
  static List<Path> notebooks(RunnerOptions options) throws IOException {
    var notebooks = new ArrayList<Path>();
    for (var input : options.inputs()) {
      if (Files.isDirectory(input)) {
        notebooks.addAll(ChapterOrder.of(input));
      } else {
        notebooks.add(input);
      }
    }
    return notebooks;
  }

  /**
   * Variables this process lacks but the run needs: those the notebooks' kernelspecs set for their
   * kernel process (such as {@code OMP_NUM_THREADS}), then {@code --env}, which wins. Empty when the
   * current environment already has them all.
   */
  static Map<String, String> requiredEnv(List<Path> notebooks, RunnerOptions options) throws IOException {
    var wanted = new LinkedHashMap<String, String>();
    for (var path : notebooks) {
      wanted.putAll(KernelSpec.forNotebook(Notebook.read(path), options.kernelspecRoots()).processEnv());
    }
    wanted.putAll(options.env());
    var current = System.getenv();
    return wanted.entrySet().stream().anyMatch(e -> !e.getValue().equals(current.get(e.getKey())))
        ? wanted : Map.of();
  }

  /**
   * The {@code -XX:} options of the notebooks' kernels that this JVM was not started with, so a
   * run's timings (training speed in the chapter) are what a reader sees in the kernel. An
   * installed kernel's class-data archive is left out: it fits only the kernel's own class path.
   */
  static List<String> missingVmOptions(List<Path> notebooks, RunnerOptions options, List<String> current) throws IOException {
    var wanted = new java.util.LinkedHashSet<String>();
    for (var path : notebooks) {
      for (var option : KernelSpec.forNotebook(Notebook.read(path), options.kernelspecRoots()).vmOptions()) {
        if (!option.startsWith("-XX:SharedArchiveFile=")) wanted.add(option);
      }
    }
    wanted.removeAll(current);
    return List.copyOf(wanted);
  }

  /** Runs the notebooks in order; returns the first failure (and runs nothing after it), or null. */
  public NotebookExecutor.Failure runAll(List<Path> notebooks, RunnerOptions options) throws IOException {
    var heading = options.inputs().size() == 1 && Files.isDirectory(options.inputs().get(0))
        ? options.inputs().get(0).toAbsolutePath().normalize().getFileName().toString()
        : "Notebooks";
    Files.createDirectories(options.outDir());
    var entries = new ArrayList<IndexPage.Entry>();
    var html = new HtmlPage();
    Notebook indexNotebook = null;
    NotebookExecutor.Failure failure = null;
    for (var path : notebooks) {
      var notebook = Notebook.read(path);
      var kernel = KernelSpec.forNotebook(notebook, options.kernelspecRoots());
      log.println("running " + path + " (kernel " + kernel.name() + ")");
      var started = System.nanoTime();
      try (var session = sessions.open(kernel)) {
        failure = NotebookExecutor.execute(notebook, session);
      }
      notebook.write(options.outDir().resolve(notebook.name() + ".ipynb"));
      var page = notebook.name() + ".html";
      if (notebook.name().equals(INDEX)) {
        indexNotebook = notebook; // Its page is the contents page, written once all have run.
      } else {
        Files.writeString(options.outDir().resolve(page), html.render(notebook, INDEX + ".html"), StandardCharsets.UTF_8);
      }
      entries.add(new IndexPage.Entry(page, notebook.title(), failure == null));
      log.printf("  %s in %.1f s -> %s%n", failure == null ? "ok" : "FAILED",
          (System.nanoTime() - started) / 1e9, options.outDir().resolve(page));
      if (failure != null) {
        break;
      }
    }
    // A chapter's own index notebook becomes index.html, with the run's page list added.
    var contents = indexNotebook != null
        ? html.render(indexNotebook, null, IndexPage.section(entries))
        : IndexPage.render(heading, entries);
    var index = options.outDir().resolve(INDEX + ".html");
    Files.writeString(index, contents, StandardCharsets.UTF_8);
    log.println("index page: " + index.toAbsolutePath().normalize().toUri());
    return failure;
  }

  private static int relaunch(String[] args, Map<String, String> env, List<String> vmOptions) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(withVmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(), vmOptions));
    command.add("-D" + FORKED_PROPERTY + "=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NotebookRunner.class.getName());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(env);
    try {
      return builder.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /**
   * This JVM's options followed by the kernel's (a later {@code -XX} setting wins); a garbage
   * collector of ours is left out when the kernel names one, as the JVM refuses two.
   */
  static List<String> withVmOptions(List<String> current, List<String> kernel) {
    var choosesCollector = kernel.stream().anyMatch(NotebookRunner::selectsCollector);
    var command = new ArrayList<String>();
    for (var option : current) {
      if (!(choosesCollector && selectsCollector(option))) {
        command.add(option);
      }
    }
    command.addAll(kernel);
    return command;
  }

  private static boolean selectsCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }
}
