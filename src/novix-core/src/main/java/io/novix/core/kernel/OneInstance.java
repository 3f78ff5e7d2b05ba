package io.novix.core.kernel;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance for the application, injected as itself: CDI's {@code @Singleton} pseudo-scope, made
 * bean-defining by this stereotype (the modules discover annotated beans only). Used instead of
 * {@code @ApplicationScoped}, whose client proxy looks the instance up in its context on every method
 * call: about 6 % of Liberty's CPU per inference call, where a call crosses some thirty such calls
 * (bench/RESULTS.md, docs/decisions.md). What it costs: no lazy creation and no circular injection
 * between such beans, which Weld refuses at deployment.
 */
@Stereotype
@Singleton
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OneInstance {
}
