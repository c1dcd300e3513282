package d2l.kernel.eval;

/** Code with a name for messages ("cell [3]", "Helpers.java"), mapping offsets to lines. */
record SourceText(String label, String text) {
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    int columnOf(int offset) {
        int start = text.lastIndexOf('\n', Math.min(offset, text.length()) - 1) + 1;
        return offset - start + 1;
    }

    String line(int line) {
        var lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
