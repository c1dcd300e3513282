package d2l.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands the values of a session's variables to the new JShell that replaces it (see
 * {@link SessionRepair}): the replayed declaration {@code T x = (T) CarriedValues.take("key");}
 * runs in the new session and takes the old object, so nothing the user wrote runs again.
 * Public only because snippet code must reach it.
 */
public final class CarriedValues {
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();
    /** ConcurrentHashMap holds no nulls. */
    private static final Object NULL = new Object();

    private CarriedValues() {}

    static void put(String key, Object value) {
        VALUES.put(key, value == null ? NULL : value);
    }

    /** The value put under {@code key}, once; null if there was none. */
    public static Object take(String key) {
        Object value = VALUES.remove(key);
        return value == NULL ? null : value;
    }

    static void forget(String key) {
        VALUES.remove(key);
    }
}
