package io.github.mmsdk.api.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the SDK's value types.
 *
 * <p>Source retention keeps Immutables off the users' class path (STYLE.md rule 4): generated
 * implementations are package-private, {@code build()} returns the abstract type, and no
 * {@code @Generated} annotation lands in the bytecode.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"veto:vetoes", "gridStatus:gridStatus"},
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
public @interface MmValue {}
