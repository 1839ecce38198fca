package dev.carepath.contracts.events.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component producers have published since before its schema named it (the schemas allow additional properties).
 * It stays on the wire, since consumers may read it; the contract test accepts it only when so marked, so the gap
 * is visible here until a schema revision names it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface NotInSchema {
}
