package io.github.mmsdk.regime.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style of mm-regime's value types (a copy of mm-api's, which is internal there).
 *
 * <p>Source retention keeps Immutables off the users' class path: generated implementations are
 * package-private, {@code build()} returns the abstract type, and no {@code @Generated} annotation
 * lands in the bytecode.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
public @interface RegimeValue {}
