package io.novix.core.sso.control;

import io.novix.core.sso.boundary.IdentityProviders;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this instance's Liberty SAML configuration equal to the tenant_idp table: at start-up and
 * every few seconds, so an IdP registered through another instance is served here too.
 */
@Singleton
@Startup
public class ServiceProviderSync {

    private static final Logger LOG = Logger.getLogger(ServiceProviderSync.class.getName());

    @Inject
    IdentityProviders providers;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::sync, 0, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void sync() {
        try {
            providers.materialiseAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SAML configuration sync failed; retrying in 5 s", e);
        }
    }
}
