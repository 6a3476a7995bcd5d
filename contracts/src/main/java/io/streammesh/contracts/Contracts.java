package io.streammesh.contracts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one check of required fields ({@link Required}) and coordinates ({@link Coordinate}) for every record of the contract, including
 * the records a {@link JsonUnwrapped} component flattens into its parent.
 */
public final class Contracts {

    /**
     * @param accessor the component's accessor as a method handle: reflection's invoke showed in every service's profile
     * @param axis     the range a coordinate must be in; null: not a coordinate
     */
    private record Check(MethodHandle accessor, String jsonName, boolean nested, boolean required, Coordinate.Axis axis) {
    }

    private static final Map<Class<?>, List<Check>> CHECKS = new ConcurrentHashMap<>();

    private Contracts() {
    }

    /**
     * Throws {@link IllegalArgumentException} ("job_id is missing", "lat 1000.0 is not a latitude ...")
     * for the first required field {@code value} lacks or coordinate off the Earth.
     */
    public static void validate(Object value) {
        if (value == null || !value.getClass().isRecord()) {
            return;
        }
        for (Check check : CHECKS.computeIfAbsent(value.getClass(), Contracts::checks)) {
            Object field;
            try {
                field = check.accessor().invoke(value);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot read " + check.jsonName() + " of " + value.getClass().getSimpleName(), e);
            }
            if (check.nested()) {
                validate(field);
                continue;
            }
            if (check.required() && (field == null || field instanceof CharSequence text && text.toString().isBlank())) {
                throw new IllegalArgumentException(check.jsonName() + " is missing");
            }
            if (check.axis() != null && field instanceof Number n) {
                double degrees = n.doubleValue();
                if (!Double.isFinite(degrees) || Math.abs(degrees) > check.axis().limit) {
                    throw new IllegalArgumentException(check.jsonName() + " " + n + " is not a "
                            + check.axis().name().toLowerCase(java.util.Locale.ROOT) + " (degrees from -" + (int) check.axis().limit
                            + " to " + (int) check.axis().limit + ")");
                }
            }
        }
    }

    /**
     * A Jackson annotation of a record component. Jackson's annotations do not target record
     * components, so Java puts them on the component's field (and accessor and parameter) instead.
     */
    public static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A onComponent = component.getAnnotation(type);
        if (onComponent != null) {
            return onComponent;
        }
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code component} is flattened into its parent's JSON ({@code @JsonUnwrapped}). */
    public static boolean unwrapped(RecordComponent component) {
        return annotation(component, JsonUnwrapped.class) != null;
    }

    /** The JSON name of a record component under the suite's mapping (snake_case unless renamed). */
    public static String jsonName(RecordComponent component) {
        com.fasterxml.jackson.annotation.JsonProperty renamed =
                annotation(component, com.fasterxml.jackson.annotation.JsonProperty.class);
        if (renamed != null && !renamed.value().isEmpty()) {
            return renamed.value();
        }
        return com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE
                .translate(component.getName());
    }

    private static List<Check> checks(Class<?> type) {
        List<Check> checks = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            MethodHandle accessor = accessor(component);
            Coordinate coordinate = component.getAnnotation(Coordinate.class);
            if (unwrapped(component)) {
                checks.add(new Check(accessor, jsonName(component), true, false, null));
            } else if (component.isAnnotationPresent(Required.class) || coordinate != null) {
                checks.add(new Check(accessor, jsonName(component), false, component.isAnnotationPresent(Required.class),
                        coordinate == null ? null : coordinate.value()));
            }
        }
        return List.copyOf(checks);
    }

    private static MethodHandle accessor(RecordComponent component) {
        try {
            Method method = component.getAccessor();
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + component.getDeclaringRecord().getSimpleName(), e);
        }
    }
}
