package io.novix.api.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Novix", version = "0.1",
        description = "Enterprise gateway for Hugging Face inference: OpenAI-compatible API and admin API"))
public class NovixApplication extends Application {
}
