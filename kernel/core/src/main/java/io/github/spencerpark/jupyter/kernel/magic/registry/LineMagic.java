package io.github.spencerpark.jupyter.kernel.magic.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a line magic for {@link Magics#registerMagics}: named {@code value()} (the
 * method's name if empty), also reachable by {@code aliases()}. The method takes
 * {@code List<String>} (the arguments), or nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface LineMagic {
    String value() default "";

    String[] aliases() default {};
}
