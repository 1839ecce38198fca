package dev.carepath.contracts.events.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event type and schema version a record of {@link EventData} is the data of: the one place that ties a record
 * to {@code schemas/events/<type>/v<version>.json}, so producers cannot name a type whose data they do not build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The event type, one of {@link dev.carepath.contracts.events.EventTypes}. */
    String value();

    /** The version of the type's schema the record follows. */
    int version();
}
