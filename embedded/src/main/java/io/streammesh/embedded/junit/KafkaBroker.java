package io.streammesh.embedded.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka broker: declare an {@code EmbeddedKafkaBroker} parameter on a
 * test, a lifecycle method or the constructor. One broker serves all the test classes of a test run
 * (it starts in about two seconds, but there is no reason to pay that per class); tests isolate
 * themselves with their own topic names or application ids.
 */
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface KafkaBroker {
}
