package d2l.kernel.magic;

import d2l.kernel.maven.Dependency;
import d2l.kernel.maven.Pom;
import d2l.kernel.maven.Repository;
import d2l.kernel.maven.ResolutionException;
import d2l.kernel.maven.Resolver;
import d2l.kernel.maven.ResolverLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * IJava's Maven magics, resolved in the kernel process by Maven Resolver (no {@code mvn} needed),
 * honouring {@code ~/.m2/settings.xml} (local repository, mirrors, proxies, offline mode):
 * <ul>
 * <li>{@code %maven g:a:v ...} (aliases {@code %addMavenDependency}, {@code %addMavenDependencies}):
 *     the artifacts and their transitive run-time dependencies, from Maven Central and the
 *     repositories added with {@code %mavenRepo}; {@code --from id-or-url} searches only those
 *     (repeatable), {@code -v} lists the jars added.</li>
 * <li>{@code %mavenRepo id url} (alias {@code %addMavenRepo}): one more repository for {@code %maven}.</li>
 * <li>{@code %loadFromPOM pom.xml [scope ...]} and the cell {@code %%loadFromPOM [scope ...]}: the
 *     dependencies of a POM or of POM fragments, of the scopes named (compile, runtime, system and
 *     import if none), from Maven Central and the POM's own repositories (not {@code %mavenRepo}'s).</li>
 * </ul>
 * Like IJava's, these magics return nothing. The resolver loads on the first use.
 */
final class MavenMagic {
    private final List<Repository> repositories = new ArrayList<>(List.of(Repository.CENTRAL));
    private final Supplier<Resolver> resolver;

    MavenMagic() {
        this(ResolverLoader::resolver);
    }

    MavenMagic(Supplier<Resolver> resolver) {
        this.resolver = resolver;
    }

    /** Registers the magics and their IJava aliases. */
    void register(Magics magics) {
        Magics.LineMagic maven = this::maven;
        magics.registerLine("maven", maven);
        magics.registerLine("addMavenDependency", maven);
        magics.registerLine("addMavenDependencies", maven);
        magics.registerLine("mavenRepo", this::mavenRepo);
        magics.registerLine("addMavenRepo", this::mavenRepo);
        magics.registerLine("loadFromPOM", this::loadFromPom);
        magics.registerCell("loadFromPOM", this::loadFromPomCell);
    }

    void maven(String args, MagicContext context) {
        var deps = new ArrayList<String>();
        var from = new ArrayList<String>();
        boolean verbose = false;
        var words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-v") || w.equals("--verbose")) verbose = true;
            else if (w.startsWith("--from=")) from.add(w.substring("--from=".length()));
            else if (w.equals("--from")) {
                if (i + 1 == words.size()) throw new MagicException("%maven: --from needs a repository id or URL");
                from.add(words.get(++i));
            } else if (w.startsWith("-")) {
                throw new MagicException("%maven: unknown option " + w + " (known: --from ID|URL, -v)");
            } else deps.add(w);
        }
        if (deps.isEmpty()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-lang3:3.17.0");
        }
        var dependencies = new ArrayList<Dependency>();
        for (String d : deps) {
            try {
                dependencies.add(Dependency.parse(d));
            } catch (IllegalArgumentException e) {
                throw new MagicException("%maven: " + e.getMessage());
            }
        }
        add(context, "%maven", resolve("%maven", dependencies, List.of(), searched(from)), verbose);
    }

    /** The repositories {@code --from} names (ids of known ones, or URLs), or all known ones. */
    private List<Repository> searched(List<String> from) {
        if (from.isEmpty()) return List.copyOf(repositories);
        var chosen = new ArrayList<Repository>();
        for (String f : from) {
            var known = repositories.stream()
                    .filter(r -> r.id().equalsIgnoreCase(f))
                    .findFirst();
            if (known.isPresent()) chosen.add(known.get());
            else if (f.matches("(?i)(https?|file)://.+")) chosen.add(new Repository("from-" + host(f), f));
            else
                throw new MagicException("%maven --from " + f + ": no repository has that id (known: "
                        + String.join(
                                ", ", repositories.stream().map(Repository::id).toList()) + "); give an id or a URL");
        }
        return chosen;
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "file" : host;
        } catch (IllegalArgumentException e) {
            return "url";
        }
    }

    void mavenRepo(String args, MagicContext context) {
        var words = words(args);
        if (words.size() != 2) {
            throw new MagicException("%mavenRepo needs an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        String id = words.get(0);
        String url = words.get(1);
        if (id.equals("default"))
            throw new MagicException("%mavenRepo: illegal repository name, cannot use 'default'.");
        if (!url.matches("(?i)(https?|file)://.+")) {
            throw new MagicException(
                    "%mavenRepo " + id + ": '" + url + "' is not a URL (http://, https:// or file://)");
        }
        repositories.removeIf(r -> r.id().equals(id));
        repositories.add(new Repository(id, url));
    }

    void loadFromPom(String args, MagicContext context) {
        var words = new ArrayList<>(words(args));
        boolean verbose = words.removeIf(w -> w.equals("-v") || w.equals("--verbose"));
        if (words.isEmpty())
            throw new MagicException(
                    "Loading from POM requires at least the path to the POM file: %loadFromPOM pom.xml [scope ...]");
        Path file = context.resolve(words.get(0));
        Pom pom;
        try {
            pom = Pom.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new MagicException("%loadFromPOM: " + e.getMessage());
        }
        load(context, "%loadFromPOM", pom, words.subList(1, words.size()), verbose);
    }

    void loadFromPomCell(String args, String body, MagicContext context) {
        var words = new ArrayList<>(words(args));
        boolean verbose = words.removeIf(w -> w.equals("-v") || w.equals("--verbose"));
        Pom pom;
        try {
            pom = Pom.fromCell(body, context.resolve("."));
        } catch (IllegalArgumentException e) {
            throw new MagicException("%%loadFromPOM: " + e.getMessage());
        }
        load(context, "%%loadFromPOM", pom, words, verbose);
    }

    private void load(MagicContext context, String magic, Pom pom, List<String> scopes, boolean verbose) {
        var wanted = pom.inScopes(
                scopes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        if (wanted.isEmpty()) {
            if (pom.dependencies().isEmpty()) throw new MagicException(magic + ": the POM has no <dependency>");
            return; // IJava: nothing of those scopes, nothing added.
        }
        var repos = new LinkedHashSet<Repository>();
        repos.add(Repository.CENTRAL);
        repos.addAll(pom.repositories());
        add(context, magic, resolve(magic, wanted, pom.managed(), List.copyOf(repos)), verbose);
    }

    private List<Path> resolve(
            String magic, List<Dependency> dependencies, List<Dependency> managed, List<Repository> repos) {
        try {
            return resolver.get().resolve(dependencies, managed, repos);
        } catch (ResolutionException e) {
            throw new MagicException(magic + ": " + e.getMessage());
        }
    }

    private static void add(MagicContext context, String magic, List<Path> files, boolean verbose) {
        context.addToClasspath(files.stream().map(Path::toString).toList());
        if (verbose) {
            var text = new StringBuilder(
                    magic + " added " + files.size() + (files.size() == 1 ? " file" : " files") + ":\n");
            files.forEach(f -> text.append("  ").append(f).append('\n'));
            context.sink().stream("stdout", text.toString());
        }
    }

    private static List<String> words(String args) {
        return Arrays.stream(args.strip().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("^[\"']|[\"']$", ""))
                .toList();
    }
}
