package d2l.kernel.install;

import java.nio.file.Path;
import java.util.Map;

/** Where Jupyter looks for kernelspecs, computed as {@code jupyter --data-dir} would, without Jupyter. */
final class JupyterPaths {
    private JupyterPaths() {}

    /** The user's kernels directory: $JUPYTER_DATA_DIR/kernels, else the platform default. */
    static Path userKernels(Map<String, String> env, String osName, Path home) {
        String dataDir = env.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) return Path.of(dataDir).resolve("kernels");
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        Path data;
        if (os.contains("mac")) {
            data = home.resolve("Library/Jupyter");
        } else if (os.contains("win")) {
            String appData = env.get("APPDATA");
            data = (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("jupyter");
        } else {
            String xdg = env.get("XDG_DATA_HOME");
            data = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
        }
        return data.resolve("kernels");
    }

    /** The kernels directory under an installation prefix, as {@code jupyter kernelspec install --prefix}. */
    static Path prefixKernels(Path prefix) {
        return prefix.resolve("share/jupyter/kernels");
    }
}
