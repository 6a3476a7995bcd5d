package io.streammesh.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field a record of the contract cannot do without: the join key, or what a formula needs. A record
 * read without it (absent, null, or a blank text) is rejected by {@link JsonSerde}, which sends it to
 * the reading service's dead-letter topic; the generated JSON Schema lists it as required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Required {
}
