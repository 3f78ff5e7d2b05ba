package io.novix.api.access;

import io.novix.core.identity.entity.Operation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation a resource method performs. Who may perform it is not said here but in the one
 * permission matrix ({@code PermissionMatrix}); the operation also names the audit action.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {
    Operation value();
}
