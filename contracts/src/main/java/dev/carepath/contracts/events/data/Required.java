package dev.carepath.contracts.events.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component its schema lists as {@code required}. Every other component is optional and left out of the JSON when
 * {@code null}. Reading an event does not enforce it (the outbox validated the data against its schema before
 * publishing); the contract test holds it equal to the schema's list.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Required {
}
