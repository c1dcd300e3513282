package d2l.kernel.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vietnamese edition against the English one: the same notebooks with the same code, cell for
 * cell, so the two can never drift; prose that is Vietnamese throughout and uses d2l-vn's terms.
 */
class VietnameseEditionTest {
    static final Path ENGLISH = Path.of("../../notebooks/chapter_recurrent-neural-networks");
    static final Path VIETNAMESE = Path.of("../../notebooks/vi/chapter_recurrent-neural-networks");

    /** Letters only Vietnamese spelling uses (the tone marks and ă, â, đ, ê, ô, ơ, ư). */
    private static final Pattern VIETNAMESE_LETTER = Pattern.compile(
            "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** What prose may quote without translating it: math, code, links' targets, English terms in parentheses. */
    private static final Pattern NOT_PROSE = Pattern.compile(
            "\\$\\$.*?\\$\\$|\\$[^$]*\\$|`[^`]*`|\\]\\([^)]*\\)|\\(\\*[^*]+\\*[^)]*\\)|\"[^\"]*\"|\\*[^*\\s][^*]*\\*",
            Pattern.DOTALL);

    private static final Pattern ENGLISH_WORD = Pattern.compile(
            "\\b(the|and|of|is|are|with|this|that|we|which|from|for|it|to)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * The chapter's key concepts: the term d2l-vn settled on, and coinages that must not replace it
     * (for "recurrent", an earlier d2l-vn draft said "truy hồi").
     */
    private static final Map<String, List<String>> TERMS = Map.of(
            "mạng nơ-ron hồi tiếp", List.of("truy hồi", "mạng nơ-ron tái phát", "mạng nơron hồi quy"),
            "trạng thái ẩn", List.of("trạng thái tiềm ẩn", "trạng thái che giấu"),
            "gọt gradient", List.of("cắt gradient", "cắt tỉa gradient", "xén gradient"),
            "lan truyền ngược qua thời gian", List.of("lan truyền ngược xuyên thời gian"),
            "phân tách tuần tự", List.of("phân vùng tuần tự", "chia tuần tự"),
            "lấy mẫu ngẫu nhiên", List.of("chọn mẫu ngẫu nhiên"),
            "kho ngữ liệu", List.of("kho văn bản", "tập ngữ liệu"),
            "bộ từ vựng", List.of("từ điển từ vựng", "tập từ vựng"),
            "mô hình ngôn ngữ", List.of());

    static List<String> notebooks() throws IOException {
        try (var files = Files.list(ENGLISH)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ipynb"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void codeCellsAreTheEnglishEditionsCellForCell(String name) throws IOException {
        var english = read(ENGLISH.resolve(name));
        var vietnamese = read(VIETNAMESE.resolve(name));
        assertEquals(
                english.getAsJsonObject("metadata").get("kernelspec"),
                vietnamese.getAsJsonObject("metadata").get("kernelspec"),
                name + ": the same kernel");
        var englishCode = sources(english, "code");
        var vietnameseCode = sources(vietnamese, "code");
        assertEquals(englishCode.size(), vietnameseCode.size(), name + ": number of code cells");
        for (int i = 0; i < englishCode.size(); i++) {
            assertEquals(englishCode.get(i), vietnameseCode.get(i), name + ": code cell " + (i + 1) + " differs");
        }
        for (var cell : vietnamese.getAsJsonArray("cells")) {
            var outputs = cell.getAsJsonObject().get("outputs");
            assertTrue(outputs == null || outputs.getAsJsonArray().isEmpty(), name + ": committed with outputs");
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void proseIsVietnamese(String name) throws IOException {
        var cells = sources(read(VIETNAMESE.resolve(name)), "markdown");
        assertTrue(!cells.isEmpty(), name + " has no prose");
        for (var cell : cells) {
            for (var paragraph : cell.split("\\n\\s*\\n")) {
                var prose = NOT_PROSE.matcher(paragraph).replaceAll(" ");
                var words = prose.split("[^\\p{L}]+");
                long letters = prose.codePoints().filter(Character::isLetter).count();
                if (letters < 25) continue; // a heading word, a formula, a bare link
                assertTrue(
                        VIETNAMESE_LETTER.matcher(prose).find(),
                        name + ": a paragraph without Vietnamese letters:\n" + paragraph);
                long english = ENGLISH_WORD.matcher(prose).results().count();
                assertTrue(
                        english * 12 < words.length,
                        name + ": a paragraph reads as English (" + english + " of " + words.length + " words):\n"
                                + paragraph);
            }
        }
        var text = String.join("\n", cells);
        assertTrue(Pattern.compile("(?m)^## Tóm tắt$").matcher(text).find(), name + ": ends with ## Tóm tắt");
        assertTrue(
                name.equals("index.ipynb")
                        || Pattern.compile("(?m)^## Bài tập$").matcher(text).find()
                        || text.contains("## Bài tập"),
                name + ": has ## Bài tập");
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void numbersInProseUseTheVietnameseSeparators(String name) throws IOException {
        for (var cell : sources(read(VIETNAMESE.resolve(name)), "markdown")) {
            var prose = Pattern.compile("\\$\\$.*?\\$\\$|\\$[^$]*\\$|`[^`]*`|\\]\\([^)]*\\)", Pattern.DOTALL)
                    .matcher(cell)
                    .replaceAll(" ");
            var english = Pattern.compile("\\b[1-9]\\d{0,2},\\d{3}\\b|(?<![\\w.])\\d+\\.\\d+(?![.\\d])")
                    .matcher(prose);
            while (english.find()) {
                var number = english.group();
                // 10.000 is a Vietnamese thousands group; 0.5 or 3,221 would be English notation (0,049 is a decimal; a
                // version such as 1.0.0-M2.1 is neither).
                var isThousands = number.matches("\\d{1,3}\\.\\d{3}");
                assertTrue(
                        isThousands, name + ": English number notation '" + number + "' in prose (write 3.221 or 0,5)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void keyConceptsUseTheTermsOfD2lVn(String name) throws IOException {
        var prose = String.join("\n", sources(read(VIETNAMESE.resolve(name)), "markdown"))
                .toLowerCase();
        for (var entry : TERMS.entrySet()) {
            for (var coinage : entry.getValue()) {
                assertTrue(
                        !prose.contains(coinage),
                        name + ": '" + coinage + "' where d2l-vn says '" + entry.getKey() + "'");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theChapterUsesEveryKeyTermAndGlossesPerplexityOnce() throws IOException {
        var all = new StringBuilder();
        for (var name : notebooks()) {
            all.append(String.join("\n", sources(read(VIETNAMESE.resolve(name)), "markdown"))
                    .toLowerCase());
        }
        var missing = TERMS.keySet().stream()
                .filter(term -> !all.toString().contains(term))
                .collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "key terms never used: " + missing);
        assertTrue(all.toString().contains("độ rối rắm"), "perplexity is glossed as 'độ rối rắm'");
    }

    private static JsonObject read(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<String> sources(JsonObject notebook, String type) {
        var result = new ArrayList<String>();
        for (var element : notebook.getAsJsonArray("cells")) {
            var cell = element.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals(type)) continue;
            var source = cell.get("source");
            if (source.isJsonArray()) {
                var text = new StringBuilder();
                source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
                result.add(text.toString());
            } else {
                result.add(source.getAsString());
            }
        }
        return result;
    }
}
