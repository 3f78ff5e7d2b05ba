package io.novix.core.sso.boundary;

import io.novix.core.sso.control.ServiceProviderFiles;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once every tenant's SAML service provider has been written from the database and
 * Liberty has had time to apply the last change: traffic sent during that refresh can be cut.
 */
@Readiness
@OneInstance
public class SsoReadiness implements HealthCheck {

    @Inject
    ServiceProviderFiles files;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("saml-service-providers").status(files.settled()).build();
    }
}
