package d2l.kernel.runner;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small notebook files for tests. */
final class Notebooks {
    private Notebooks() {}

    /** Cells given as "md:..." or "code:..."; the notebook names {@code kernel} (or none if null). */
    static Path write(Path dir, String name, String kernel, String... cells) throws IOException {
        var root = new JsonObject();
        root.addProperty("nbformat", 4);
        root.addProperty("nbformat_minor", 5);
        var metadata = new JsonObject();
        if (kernel != null) {
            var spec = new JsonObject();
            spec.addProperty("name", kernel);
            spec.addProperty("display_name", kernel);
            spec.addProperty("language", "java");
            metadata.add("kernelspec", spec);
        }
        root.add("metadata", metadata);
        var array = new JsonArray();
        var n = 0;
        for (var cell : cells) {
            var object = new JsonObject();
            var markdown = cell.startsWith("md:");
            object.addProperty("cell_type", markdown ? "markdown" : "code");
            object.addProperty("id", "c" + n++);
            object.add("metadata", new JsonObject());
            object.addProperty("source", cell.substring(cell.indexOf(':') + 1));
            if (!markdown) {
                object.add("outputs", new JsonArray());
                object.add("execution_count", null);
            }
            array.add(object);
        }
        root.add("cells", array);
        var file = dir.resolve(name + ".ipynb");
        Files.writeString(file, new Gson().toJson(root));
        return file;
    }
}
