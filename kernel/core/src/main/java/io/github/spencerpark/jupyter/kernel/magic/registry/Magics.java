package io.github.spencerpark.jupyter.kernel.magic.registry;

import d2l.kernel.eval.ActiveCell;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.List;

/**
 * IJava's magic registry on the d2l kernel: what a notebook registers here is a magic of the
 * running session ({@code %name args}, {@code %%name}, {@code lineMagic("name", args)}), run as
 * cell code, so the interrupt stops it and its exceptions show as the cell's error.
 * {@link #registerMagics(Class)} takes static methods annotated {@link LineMagic} or
 * {@link CellMagic}; {@link #registerMagics(Object)} also instance methods of that object.
 */
public class Magics {
    public <T> T applyLineMagic(String name, List<String> args) throws Exception {
        if (!ActiveCell.magics().lineNames().contains(name)) throw new UndefinedMagicException(name, true);
        @SuppressWarnings("unchecked")
        T value = (T) ActiveCell.lineMagic(name, args);
        return value;
    }

    public <T> T applyCellMagic(String name, List<String> args, String body) throws Exception {
        if (!ActiveCell.magics().cellNames().contains(name)) throw new UndefinedMagicException(name, false);
        @SuppressWarnings("unchecked")
        T value = (T) ActiveCell.cellMagic(name, args, body);
        return value;
    }

    public void registerLineMagic(String name, LineMagicFunction<?> magic) {
        ActiveCell.magics().registerUserLine(name, (args, context) -> magic.execute(args));
    }

    public void registerCellMagic(String name, CellMagicFunction<?> magic) {
        ActiveCell.magics().registerUserCell(name, (args, body, context) -> magic.execute(args, body));
    }

    public <T extends LineMagicFunction<?> & CellMagicFunction<?>> void registerLineCellMagic(String name, T magic) {
        registerLineMagic(name, magic);
        registerCellMagic(name, magic);
    }

    /** Registers the annotated methods of {@code magics} (instance or static). */
    public void registerMagics(Object magics) {
        register(magics.getClass(), magics);
    }

    /** Registers the annotated static methods of {@code magicsClass}. */
    public void registerMagics(Class<?> magicsClass) {
        register(magicsClass, null);
    }

    private void register(Class<?> type, Object instance) {
        for (Method method : type.getDeclaredMethods()) {
            LineMagic line = method.getAnnotation(LineMagic.class);
            CellMagic cell = method.getAnnotation(CellMagic.class);
            if (line == null && cell == null) continue;
            if (instance == null && !Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException(
                        "Magic method " + method.getName() + " is not static: register an instance, registerMagics(new "
                                + type.getSimpleName() + "()), or make it static");
            }
            method.setAccessible(true);
            int count = method.getParameterCount();
            boolean both = line != null && cell != null;
            if (count != 0) {
                boolean argsFirst = isArgs(method, 0);
                boolean bodySecond = count == 2 && method.getParameterTypes()[1] == String.class;
                if (both || cell != null) {
                    if (count != 2 || !argsFirst || !bodySecond)
                        throw new IllegalArgumentException((both ? "Line-cell" : "Cell") + " magic " + method.getName()
                                + " must take (List<String> args, String body)");
                } else if (count != 1 || !argsFirst) {
                    throw new IllegalArgumentException(
                            "Line magic " + method.getName() + " must take (List<String> args)");
                }
            }
            if (line != null) {
                LineMagicFunction<Object> f = args -> invoke(
                        method,
                        instance,
                        count == 0 ? new Object[0] : count == 1 ? new Object[] {args} : new Object[] {args, null});
                for (String name : names(method, line.value(), line.aliases())) registerLineMagic(name, f);
            }
            if (cell != null) {
                CellMagicFunction<Object> f = (args, body) ->
                        invoke(method, instance, count == 0 ? new Object[0] : new Object[] {args, body});
                for (String name : names(method, cell.value(), cell.aliases())) registerCellMagic(name, f);
            }
        }
    }

    private static List<String> names(Method method, String value, String[] aliases) {
        var names = new java.util.ArrayList<String>();
        names.add(value.isEmpty() ? method.getName() : value);
        names.addAll(List.of(aliases));
        return names;
    }

    private static boolean isArgs(Method method, int index) {
        if (!method.getParameterTypes()[index].isAssignableFrom(List.class)) return false;
        var type = method.getGenericParameterTypes()[index];
        return !(type instanceof ParameterizedType p) || p.getActualTypeArguments()[0] == String.class;
    }

    private static Object invoke(Method method, Object instance, Object[] args) throws Exception {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }
}
