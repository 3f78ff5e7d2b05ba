package io.novix.sso.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The SAML sign-in module, at context root /sso. */
@ApplicationPath("/")
public class SsoApplication extends Application {
}
