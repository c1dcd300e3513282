package d2l.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * H. G. Wells' <i>The Time Machine</i>, the chapter's text corpus: fetched once into a
 * {@link DataCache} and read as preprocessed lines.
 */
public final class TimeMachine {
    public static final String FILE_NAME = "timemachine.txt";
    public static final URI SOURCE = URI.create("http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt");
    public static final String SHA1 = "090b5e7e70c295757f55df93cb0a180b9691891a";

    private static final Pattern NON_LETTERS = Pattern.compile("[^A-Za-z]+");

    private final DataCache cache;
    private final URI source;

    /** The book from the data directory named by {@code D2L_DATA} (see {@link DataCache#fromEnvironment()}). */
    public TimeMachine() {
        this(DataCache.fromEnvironment(), SOURCE);
    }

    /** The book cached in {@code cache}, downloaded from {@code source} when needed (tests use a local server). */
    public TimeMachine(DataCache cache, URI source) {
        this.cache = cache;
        this.source = source;
    }

    /** The verified local file, downloaded first if necessary. */
    public Path file() {
        return cache.fetch(FILE_NAME, source, SHA1);
    }

    /** The raw lines of the book. */
    public List<String> rawLines() {
        try {
            return Files.readAllLines(file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }

    /**
     * The book's 3,221 lines preprocessed as in the chapter: every run of non-letters becomes a
     * space, then the line is trimmed and lower-cased. Empty lines are kept.
     */
    public List<String> readLines() {
        return rawLines().stream().map(TimeMachine::preprocess).toList();
    }

    /** One line as the chapter preprocesses it: letters only, single spaces, lower case. */
    public static String preprocess(String line) {
        return NON_LETTERS.matcher(line).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
