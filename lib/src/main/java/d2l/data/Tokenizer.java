package d2l.data;

import java.util.List;

/** Splits preprocessed lines into tokens: words or single characters. */
public enum Tokenizer {
    /** Words separated by whitespace; an empty line has no tokens. */
    WORD {
        @Override
        public List<String> tokenize(String line) {
            String stripped = line.strip();
            return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
        }
    },
    /** Every character, spaces included (the space separates words in a character-level model). */
    CHAR {
        @Override
        public List<String> tokenize(String line) {
            return line.codePoints().mapToObj(Character::toString).toList();
        }
    };

    /** The tokens of one line. */
    public abstract List<String> tokenize(String line);

    /** The tokens of each line, one list per line. */
    public List<List<String>> tokenize(List<String> lines) {
        return lines.stream().map(this::tokenize).toList();
    }

    /** All tokens of all lines in reading order: the corpus as one flat list. */
    public List<String> flatten(List<String> lines) {
        return lines.stream().flatMap(line -> tokenize(line).stream()).toList();
    }
}
