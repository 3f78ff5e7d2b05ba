package io.novix.core.serviceaccount.boundary;

import io.novix.core.serviceaccount.entity.ServiceAccount;

/** A service account with its client secret, shown once. */
public record IssuedCredentials(ServiceAccount account, String clientSecret) {
    @Override
    public String toString() {
        return "IssuedCredentials[" + account.clientId() + ", secret=***]";
    }
}
