package d2l.exercise;

import static d2l.exercise.Exercise.require;

import d2l.data.Vocab;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/** Checks of the exercises of the text-preprocessing section. */
public final class TextExercises {
    private TextExercises() {}

    /** The reader's word tokenizer for one line. */
    @FunctionalInterface
    public interface WordTokenizer {
        List<String> tokens(String line);
    }

    public static Check wordTokens(WordTokenizer answer) {
        return Exercise.check(
                "text-word-tokens",
                1,
                new Text(
                        "lower-case words of letters only, no empty tokens, on every hidden line",
                        "các từ viết thường chỉ gồm chữ cái, không có token rỗng, trên mọi dòng ẩn"),
                new Text(
                        "replace every run of characters that are not letters A–Z or a–z with one space, trim, lower-case, then split on spaces (an empty line has no tokens).",
                        "hãy thay mỗi đoạn ký tự không phải chữ cái A–Z hay a–z bằng một dấu cách, cắt khoảng trắng hai đầu, chuyển sang chữ thường, rồi tách theo dấu cách (dòng rỗng không có token nào)."),
                () -> {
                    for (var line : new String[] {
                        "The Time Machine, by H. G. Wells [1898]",
                        "  I  ",
                        "",
                        "--- 1 2 3 ---",
                        "don't stop-here!",
                        "Traveller's PALE face"
                    }) {
                        var expected = reference(line);
                        var got = answer.tokens(line);
                        require(
                                expected.equals(got),
                                new Text(
                                                "the line \"%s\" gave %s, it should give %s",
                                                "dòng \"%s\" cho ra %s, đúng ra phải là %s")
                                        .formatted(line, got, expected),
                                got != null && got.contains("")
                                        ? new Text(
                                                "an empty string is not a token: trim before splitting, and return no tokens for a line without letters.",
                                                "chuỗi rỗng không phải là token: hãy cắt khoảng trắng trước khi tách, và trả về danh sách rỗng cho dòng không có chữ cái.")
                                        : new Text(
                                                "the regular expression [^A-Za-z]+ matches a run of non-letters; apostrophes and digits count as non-letters.",
                                                "biểu thức chính quy [^A-Za-z]+ khớp một đoạn ký tự không phải chữ cái; dấu nháy và chữ số cũng là ký tự không phải chữ cái."));
                    }
                });
    }

    static List<String> reference(String line) {
        var cleaned = line.replaceAll("[^A-Za-z]+", " ").strip().toLowerCase();
        return cleaned.isEmpty() ? List.of() : List.of(cleaned.split(" "));
    }

    /** The reader's vocabulary: index to token, {@code <unk>} first, with a minimum frequency. */
    @FunctionalInterface
    public interface VocabularyBuilder {
        List<String> build(List<String> tokens, int minFreq);
    }

    public static Check vocabulary(VocabularyBuilder answer) {
        return Exercise.check(
                "text-vocabulary",
                1,
                new Text(
                        "<unk> at index 0, exactly the tokens seen at least minFreq times, most frequent first, each once, as the library's Vocab keeps them",
                        "<unk> ở chỉ số 0, đúng các token xuất hiện ít nhất minFreq lần, token nhiều nhất đứng trước, mỗi token một lần, như Vocab của thư viện giữ"),
                new Text(
                        "count the tokens in a map, keep those with count >= minFreq, sort them by count, largest first, and put \"<unk>\" in front.",
                        "hãy đếm các token bằng một map, giữ các token có số lần >= minFreq, sắp xếp theo số lần giảm dần, rồi đặt \"<unk>\" lên đầu."),
                () -> {
                    var words = Arrays.asList(
                            "the time traveller the time the machine a a the of of traveller psychologist".split(" "));
                    for (int minFreq : new int[] {0, 1, 2, 3, 5}) {
                        var got = answer.build(new ArrayList<>(words), minFreq);
                        var library = new Vocab(List.of(words), minFreq, List.of()).tokens();
                        var counts = new HashMap<String, Integer>();
                        words.forEach(w -> counts.merge(w, 1, Integer::sum));
                        require(
                                got != null && !got.isEmpty() && Vocab.UNKNOWN.equals(got.get(0)),
                                new Text(
                                                "with minFreq = %d your vocabulary starts with %s, not <unk>",
                                                "với minFreq = %d bộ từ vựng của bạn bắt đầu bằng %s, không phải <unk>")
                                        .formatted(minFreq, got == null || got.isEmpty() ? "nothing" : got.get(0)),
                                new Text(
                                        "index 0 is reserved for <unk>, which every rare or unseen token maps to.",
                                        "chỉ số 0 dành cho <unk>, token mà mọi token hiếm hoặc chưa gặp đều được ánh xạ tới."));
                        require(
                                new HashSet<>(got).size() == got.size(),
                                new Text(
                                                "with minFreq = %d your vocabulary %s holds a token twice",
                                                "với minFreq = %d bộ từ vựng %s của bạn chứa một token hai lần")
                                        .formatted(minFreq, got),
                                new Text(
                                        "add each distinct token once: count first, then list the keys of the counts.",
                                        "mỗi token khác nhau chỉ thêm một lần: đếm trước, rồi liệt kê các khoá của bảng đếm."));
                        require(
                                new HashSet<>(got).equals(new HashSet<>(library)),
                                new Text(
                                                "with minFreq = %d your vocabulary is %s, the library's Vocab holds %s",
                                                "với minFreq = %d bộ từ vựng của bạn là %s, còn Vocab của thư viện chứa %s")
                                        .formatted(minFreq, got, library),
                                new Text(
                                        "a token stays when its count is at least minFreq (>=, not >).",
                                        "một token được giữ khi số lần xuất hiện của nó ít nhất bằng minFreq (>=, không phải >)."));
                        Function<String, Integer> count = t -> counts.getOrDefault(t, 0);
                        for (int i = 2; i < got.size(); i++) {
                            require(
                                    count.apply(got.get(i - 1)) >= count.apply(got.get(i)),
                                    new Text(
                                                    "with minFreq = %d, \"%s\" (seen %d times) comes before \"%s\" (seen %d times)",
                                                    "với minFreq = %d, \"%s\" (xuất hiện %d lần) đứng trước \"%s\" (xuất hiện %d lần)")
                                            .formatted(
                                                    minFreq,
                                                    got.get(i - 1),
                                                    count.apply(got.get(i - 1)),
                                                    got.get(i),
                                                    count.apply(got.get(i))),
                                    new Text(
                                            "sort by count in descending order, so that frequent tokens get small indices.",
                                            "hãy sắp xếp theo số lần xuất hiện giảm dần, để token phổ biến có chỉ số nhỏ."));
                        }
                    }
                });
    }
}
