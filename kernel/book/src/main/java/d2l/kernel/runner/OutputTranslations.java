package d2l.kernel.runner;

import com.google.gson.JsonObject;

/**
 * Outputs that carry their other languages: an output whose metadata has
 * {@code "d2l": {"translations": {"vi": {"text/html": …, "text/plain": …}}}} (the chapter's checks
 * give theirs through {@code mimeMetadata()}) shows, in an edition of that language, the
 * translated representations. The runner applies it when an edition takes another's outputs.
 */
final class OutputTranslations {
    private OutputTranslations() {}

    /** Swaps in {@code lang}'s representation of every output that has one; returns how many it swapped. */
    static int apply(NotebookFile notebook, String lang) {
        var swapped = 0;
        for (var cell : notebook.cells()) {
            if (!cell.isCode()) continue;
            for (var element : cell.outputs()) {
                var output = element.getAsJsonObject();
                var translation = translation(output, lang);
                if (translation == null || !output.has("data")) continue;
                var data = output.getAsJsonObject("data");
                for (var entry : translation.entrySet()) {
                    data.add(entry.getKey(), entry.getValue().deepCopy());
                }
                swapped++;
            }
        }
        return swapped;
    }

    private static JsonObject translation(JsonObject output, String lang) {
        var metadata = output.has("metadata") && output.get("metadata").isJsonObject()
                ? output.getAsJsonObject("metadata")
                : null;
        var d2l = metadata != null && metadata.has("d2l") && metadata.get("d2l").isJsonObject()
                ? metadata.getAsJsonObject("d2l")
                : null;
        var all = d2l != null
                        && d2l.has("translations")
                        && d2l.get("translations").isJsonObject()
                ? d2l.getAsJsonObject("translations")
                : null;
        return all != null && all.has(lang) && all.get(lang).isJsonObject() ? all.getAsJsonObject(lang) : null;
    }
}
