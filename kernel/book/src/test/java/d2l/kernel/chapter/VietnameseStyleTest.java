package d2l.kernel.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Vietnamese edition's style sheet ({@code notebooks/vi/STYLE.md}) applied to its prose: the terms
 * the sheet rules out (listed in {@code notebooks/vi/style-terms.tsv}, which the sheet links), the
 * tone-mark style, and the decimal convention inside formulas and in lists. Every markdown cell of the
 * Vietnamese notebooks is read, and README.vi.md.
 */
class VietnameseStyleTest {
    static final Path STYLE = Path.of("../../notebooks/vi/STYLE.md");
    static final Path TERMS = Path.of("../../notebooks/vi/style-terms.tsv");
    static final Path README = Path.of("../../README.vi.md");

    /** What is not prose: display and inline math; code spans, fenced code and links' targets. */
    private static final Pattern MATH = Pattern.compile("\\$\\$.*?\\$\\$|\\$[^$\\n]*\\$", Pattern.DOTALL);

    private static final Pattern CODE = Pattern.compile("```.*?```|`[^`\\n]*`|\\]\\([^)\\n]*\\)", Pattern.DOTALL);
    /** Old-style tone placement: the mark on o of a final oa/oe, or on u of a final uy (hóa, lũy). */
    private static final Pattern OLD_TONE = Pattern.compile(
            "(?<![\\p{L}])\\p{L}*?(?:[òóỏõọ][ae]|[ùúủũụ]y)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A decimal point between digits inside a formula: 0.04 where the edition writes 0{,}04. */
    private static final Pattern POINT_IN_MATH = Pattern.compile("\\d\\.\\d+");
    /** A list whose items are decimals separated by commas: "0,9, 0,6" reads as four numbers. */
    private static final Pattern DECIMAL_LIST = Pattern.compile("\\d,\\d+, \\d[\\d,]*|\\d+, \\d+,\\d+");

    /** One row of the ruled-out list. */
    record Rule(String ruledOut, String useInstead, String concept, List<String> allowedIn, Pattern pattern) {}

    /** One piece of prose to read: where it is, for the message, and its text. */
    record Passage(String where, String text) {}

    static List<Rule> rules() throws IOException {
        var rules = new ArrayList<Rule>();
        var lines = Files.readAllLines(TERMS);
        assertEquals("ruled_out\tuse_instead\tconcept\tallowed_in", lines.get(0), TERMS + ": header row");
        for (var line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            var fields = line.split("\t", -1);
            assertEquals(4, fields.length, TERMS + ": four tab-separated fields in \"" + line + "\"");
            var ruledOut = nfc(fields[0].strip());
            var allowed = fields[3].isBlank()
                    ? List.<String>of()
                    : List.of(fields[3].split("\\s*\\|\\s*")).stream()
                            .map(VietnameseStyleTest::nfc)
                            .toList();
            var pattern = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(ruledOut) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            rules.add(new Rule(ruledOut, fields[1].strip(), fields[2].strip(), allowed, pattern));
        }
        return rules;
    }

    /** Every markdown cell of the Vietnamese notebooks, and README.vi.md paragraph by paragraph. */
    static List<Passage> passages() throws IOException {
        var passages = new ArrayList<Passage>();
        for (var name : VietnameseEditionTest.notebooks()) {
            var cells = JsonParser.parseString(Files.readString(VietnameseEditionTest.VIETNAMESE.resolve(name)))
                    .getAsJsonObject()
                    .getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                var cell = cells.get(i).getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("markdown")) continue;
                var text = new StringBuilder();
                var source = cell.get("source");
                if (source.isJsonArray()) source.getAsJsonArray().forEach(l -> text.append(l.getAsString()));
                else text.append(source.getAsString());
                var id = cell.has("id") ? " (" + cell.get("id").getAsString() + ")" : "";
                passages.add(new Passage(name + ", cell " + (i + 1) + id, nfc(text.toString())));
            }
        }
        var readme = Files.readAllLines(README);
        for (int i = 0; i < readme.size(); i++) {
            passages.add(new Passage("README.vi.md, line " + (i + 1), nfc(readme.get(i))));
        }
        return passages;
    }

    /** The prose of a passage: math and code removed, emphasis markers dropped. */
    static String prose(String text) {
        return MATH.matcher(withoutCode(text)).replaceAll(" ").replace("*", "");
    }

    /** A passage without its code spans, fenced code and links' targets (a code span may hold a '$'). */
    static String withoutCode(String text) {
        return CODE.matcher(text).replaceAll(" ");
    }

    /** The problems {@code passages} has against {@code rules}, one line each. */
    static List<String> problems(List<Passage> passages, List<Rule> rules) {
        var problems = new ArrayList<String>();
        for (var passage : passages) {
            var prose = prose(passage.text());
            for (var rule : rules) {
                var text = prose;
                for (var allowed : rule.allowedIn()) {
                    text = Pattern.compile(Pattern.quote(allowed), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                            .matcher(text)
                            .replaceAll(" ");
                }
                var found = rule.pattern().matcher(text);
                while (found.find()) {
                    problems.add(passage.where() + ": '" + found.group() + "' (" + rule.concept() + "): write '"
                            + rule.useInstead() + "'");
                }
            }
            var tone = OLD_TONE.matcher(prose);
            while (tone.find()) {
                problems.add(passage.where() + ": '" + tone.group()
                        + "' has the old tone placement: the edition puts the mark on the main vowel (hoá, luỹ)");
            }
            var list = DECIMAL_LIST.matcher(prose);
            while (list.find()) {
                problems.add(passage.where() + ": '" + list.group()
                        + "' mixes decimal commas and list commas: separate the items with semicolons (0,5; 1; 2)");
            }
            var math = MATH.matcher(withoutCode(passage.text()));
            while (math.find()) {
                var point = POINT_IN_MATH.matcher(math.group());
                while (point.find()) {
                    problems.add(passage.where() + ": '" + point.group() + "' in " + math.group()
                            + ": write the decimal comma inside formulas too ('"
                            + point.group().replace(".", "{,}") + "')");
                }
            }
        }
        return problems;
    }

    @Test
    void theVietnameseProseFollowsTheStyleSheet() throws IOException {
        var problems = problems(passages(), rules());
        assertTrue(
                problems.isEmpty(),
                problems.size() + " departures from " + STYLE + " (terms in " + TERMS + "):\n"
                        + String.join("\n", problems));
    }

    @Test
    void theStyleSheetLinksItsListAndTheListIsSound() throws IOException {
        assertTrue(Files.readString(STYLE).contains("(style-terms.tsv)"), STYLE + " links style-terms.tsv");
        var rules = rules();
        assertTrue(rules.size() >= 20, "the list holds the sheet's ruled-out terms, found " + rules.size());
        for (var rule : rules) {
            assertTrue(!rule.useInstead().isEmpty(), "'" + rule.ruledOut() + "' names its replacement");
            // A replacement must not itself be ruled out (allowed_in says where a longer phrase is fine).
            for (var other : rules) {
                var replacement = Pattern.compile("\\(.*?\\)|`[^`]*`")
                        .matcher(rule.useInstead())
                        .replaceAll(" ");
                for (var allowed : other.allowedIn()) replacement = replacement.replace(allowed, " ");
                assertTrue(
                        !other.pattern().matcher(replacement).find(),
                        "'" + rule.ruledOut() + "' is replaced by '" + rule.useInstead() + "', which '"
                                + other.ruledOut() + "' rules out");
            }
        }
    }

    @Test
    void theCheckCatchesWhatItShould() throws IOException {
        // The checks themselves, on text that breaks each rule once (and text that keeps it).
        var rules = rules();
        var bad = List.of(
                new Passage("sample, cell 1", "Cắt xén đều cắt sau mỗi $\\tau$ bước; chuẩn tăng chậm dần."),
                new Passage(
                        "sample, cell 2",
                        "một kho ngữ liệu *đồ chơi*, luỹ thừa và lũy thừa, hệ số 0,5, 1, 2 hoặc 4, $\\pi = 0.9$"));
        var found = problems(bad, rules);
        assertTrue(
                found.stream().anyMatch(p -> p.startsWith("sample, cell 1: 'Cắt xén đều' (regular truncation)")),
                found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("'tăng chậm dần'")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith("sample, cell 2: 'đồ chơi'")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("'lũy'") && p.contains("luỹ")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("semicolons")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("'0{,}9'")), found.toString());
        var good = List.of(
                new Passage(
                        "sample, cell 3",
                        "Cắt xén đều đặn cắt sau mỗi $\\tau$ bước, $\\pi = 0{,}9$; hệ số 0,5; 1; 2 hoặc 4; `Trainer`; luỹ thừa."));
        assertEquals(List.of(), problems(good, rules));
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
