package d2l.kernel.maven.aether;

import d2l.kernel.maven.Dependency;
import d2l.kernel.maven.Repository;
import d2l.kernel.maven.ResolutionException;
import d2l.kernel.maven.Resolver;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.runtime.standalonestatic.StandaloneStaticRuntime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactProperties;
import org.eclipse.aether.artifact.ArtifactType;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * {@link Resolver} on Maven Resolver 1.9 through MIMA's standalone runtime, which reads the user's
 * settings.xml (local repository, mirrors, proxies, servers, offline, active profiles) as Maven
 * does. One context serves the kernel's lifetime, so settings are read once, on the first use.
 */
public final class MimaResolver implements Resolver {
    private final Context context;

    /** The user's Maven set-up ({@code ~/.m2}). */
    public MimaResolver() {
        this(null);
    }

    /** {@code mavenUserHome} in place of {@code ~/.m2} (its settings.xml and repository), if not null. */
    public MimaResolver(Path mavenUserHome) {
        var overrides = ContextOverrides.create().withUserSettings(true);
        if (mavenUserHome != null) overrides.withMavenUserHomeOverride(mavenUserHome);
        Path home = mavenUserHome != null ? mavenUserHome : Path.of(System.getProperty("user.home"), ".m2");
        // MIMA takes mirrors, proxies, servers and the local repository from settings.xml, but
        // not <offline>: that is read here, as Maven reads it (mvn -o aside).
        if (offlineIn(home.resolve("settings.xml"))) overrides.offline(true);
        context = new StandaloneStaticRuntime().create(overrides.build());
    }

    /** Whether a settings.xml says {@code <offline>true</offline>} (after ${...} of system properties). */
    static boolean offlineIn(Path settings) {
        if (!java.nio.file.Files.isRegularFile(settings)) return false;
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var root = factory.newDocumentBuilder().parse(settings.toFile()).getDocumentElement();
            for (var n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                String name = n.getNodeName();
                if (name.substring(name.indexOf(':') + 1).equals("offline"))
                    return n.getTextContent().strip().equals("true");
            }
            return false;
        } catch (Exception e) {
            return false; // MIMA reports a broken settings.xml itself.
        }
    }

    @Override
    public List<Path> resolve(List<Dependency> dependencies, List<Dependency> managed, List<Repository> repositories) {
        RepositorySystem system = context.repositorySystem();
        RepositorySystemSession session = context.repositorySystemSession();
        var remotes = new ArrayList<RemoteRepository>();
        for (Repository r : repositories) {
            remotes.add(
                    r.url() == null
                            ? ContextOverrides.CENTRAL
                            : new RemoteRepository.Builder(r.id(), "default", r.url()).build());
        }
        // settings.xml's mirrors, proxies and credentials, as Maven applies them to a POM's repositories.
        List<RemoteRepository> effective = system.newResolutionRepositories(session, remotes);

        var management = new ArrayList<org.eclipse.aether.graph.Dependency>();
        for (Dependency m : managed) {
            if (m.scope().equals("import")) management.addAll(imported(system, session, m, effective));
            else if (m.version() != null) management.add(toAether(session, m, m.version()));
        }
        var roots = new ArrayList<org.eclipse.aether.graph.Dependency>();
        for (Dependency d : dependencies) roots.add(toAether(session, d, versionOf(d, management)));

        var collect = new CollectRequest(roots, management, effective);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            var result = system.resolveDependencies(session, new DependencyRequest(collect, null));
            var files = new ArrayList<Path>();
            for (ArtifactResult a : result.getArtifactResults()) {
                Artifact artifact = a.getArtifact();
                if (artifact != null
                        && artifact.getFile() != null
                        && !artifact.getExtension().equals("pom")) {
                    files.add(artifact.getFile().toPath());
                }
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new ResolutionException(explain(dependencies, e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The {@code <dependencyManagement>} of a BOM imported with {@code <scope>import</scope>}. */
    private static List<org.eclipse.aether.graph.Dependency> imported(
            RepositorySystem system,
            RepositorySystemSession session,
            Dependency bom,
            List<RemoteRepository> repositories) {
        var artifact = new DefaultArtifact(bom.groupId(), bom.artifactId(), "", "pom", bom.version());
        try {
            return system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(artifact, repositories, null))
                    .getManagedDependencies();
        } catch (ArtifactDescriptorException e) {
            throw new ResolutionException(explain(List.of(bom), e));
        }
    }

    private static String versionOf(Dependency d, List<org.eclipse.aether.graph.Dependency> management) {
        if (d.version() != null) return d.version();
        for (var m : management) {
            Artifact a = m.getArtifact();
            if (a.getGroupId().equals(d.groupId()) && a.getArtifactId().equals(d.artifactId())) return a.getVersion();
        }
        throw new ResolutionException("could not resolve " + d.groupId() + ":" + d.artifactId()
                + ": it has no <version>, and no <dependencyManagement> entry or imported BOM gives one "
                + "(a <parent> POM is not read: write the version)");
    }

    private static org.eclipse.aether.graph.Dependency toAether(
            RepositorySystemSession session, Dependency d, String version) {
        ArtifactType type = session.getArtifactTypeRegistry().get(d.type());
        Map<String, String> properties =
                d.systemPath() == null ? Map.of() : Map.of(ArtifactProperties.LOCAL_PATH, d.systemPath());
        Artifact artifact = type == null
                ? new DefaultArtifact(
                        d.groupId(), d.artifactId(), d.classifier(), d.type(), version, properties, (java.io.File) null)
                : new DefaultArtifact(
                                d.groupId(),
                                d.artifactId(),
                                d.classifier().isEmpty() ? type.getClassifier() : d.classifier(),
                                type.getExtension(),
                                version,
                                type)
                        .setProperties(merge(type.getProperties(), properties));
        var exclusions = new ArrayList<Exclusion>();
        for (String e : d.exclusions()) {
            String[] ga = e.split(":", 2);
            exclusions.add(new Exclusion(ga[0], ga.length > 1 ? ga[1] : "*", "*", "*"));
        }
        return new org.eclipse.aether.graph.Dependency(artifact, d.scope(), d.optional(), exclusions);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        var m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    /**
     * What failed and why: the requested coordinate (and the artifact that failed, when that is
     * one of its dependencies), whether it was not found, could not be downloaded (no network?),
     * or the session is offline, then the resolver's own words.
     */
    static String explain(List<Dependency> requested, Exception e) {
        var messages = new LinkedHashSet<String>();
        String reason = null;
        Set<Throwable> seen = new java.util.HashSet<>();
        var queue = new ArrayList<Throwable>();
        queue.add(e);
        if (e instanceof DependencyResolutionException d && d.getResult() != null) {
            queue.addAll(d.getResult().getCollectExceptions());
            for (var r : d.getResult().getArtifactResults()) queue.addAll(r.getExceptions());
        }
        while (!queue.isEmpty()) {
            Throwable t = queue.remove(0);
            if (t == null || !seen.add(t)) continue;
            if (t.getMessage() != null && !(t instanceof DependencyResolutionException && t != e))
                messages.add(t.getMessage().strip());
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("offline mode"))
                reason =
                        "Maven is in offline mode (settings.xml <offline>true</offline>) and it is not in the local repository";
            else if (reason == null
                    && (t instanceof UnknownHostException
                            || t instanceof ConnectException
                            || t instanceof NoRouteToHostException
                            || t instanceof SocketTimeoutException)) {
                reason =
                        "the repository could not be reached (no network, or a proxy or mirror is needed in settings.xml)";
            } else if (reason == null && t instanceof ArtifactNotFoundException)
                reason = "not found in the repositories searched";
            queue.add(t.getCause());
            for (Throwable s : t.getSuppressed()) queue.add(s);
        }
        if (reason == null
                && messages.stream()
                        .anyMatch(m -> m.contains("Could not find artifact") || m.contains("was not found in"))) {
            reason = "not found in the repositories searched";
        }
        var names = requested.stream().map(Dependency::coordinate).toList();
        var text = new StringBuilder("could not resolve ").append(String.join(", ", names));
        if (reason != null) text.append(": ").append(reason);
        text.append('.');
        // The resolver's own words, most specific first: what it could not find or download, and
        // (for a dependency of a dependency) the path to it.
        var lines = new ArrayList<String>();
        for (String m : messages) if (m.startsWith("Could not ") || m.startsWith("Cannot access")) lines.add(m);
        for (String m : messages)
            if (m.startsWith("Failed to collect dependencies at") && m.contains("->")) lines.add(m);
        if (lines.isEmpty()) lines.addAll(messages);
        lines.stream().distinct().limit(4).forEach(m -> text.append("\n  ").append(m));
        return text.toString();
    }

    /** Closes the context (its HTTP connections). */
    public void close() throws IOException {
        context.close();
    }
}
