package d2l.kernel.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * Maven Resolver in the kernel process ({@code d2l.kernel.maven.aether.MimaResolver}, loaded by
 * {@link ResolverLoader} on the first use). Honours the user's {@code ~/.m2/settings.xml}: local
 * repository, mirrors, proxies, servers' credentials and offline mode.
 */
public interface Resolver {
    /**
     * The files of {@code dependencies} and of their transitive run-time dependencies, resolved
     * together (one graph: Maven's nearest-wins conflict resolution) from {@code repositories}
     * (as settings.xml's mirrors and proxies rewrite them) into the local repository.
     *
     * @throws ResolutionException naming the dependency that failed and why
     */
    List<Path> resolve(List<Dependency> dependencies, List<Dependency> managed, List<Repository> repositories);
}
