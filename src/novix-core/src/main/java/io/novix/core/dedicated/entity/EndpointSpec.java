package io.novix.core.dedicated.entity;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.routing.entity.ModelId;

import java.util.regex.Pattern;

/**
 * What a dedicated Inference Endpoint is made of, checked where it is asked for: a name the Endpoints
 * API accepts, a model, its task, where it runs (vendor, region) and on what (accelerator, instance
 * type and size), and how it scales (replicas, minutes idle before scaling to zero; 0: never).
 */
public record EndpointSpec(String name, String model, String task, String vendor, String region, String accelerator,
                           String instanceType, String instanceSize, int minReplica, int maxReplica, int scaleToZeroMinutes) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,31}$");
    private static final Pattern WORD = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,47}$");

    public EndpointSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("'name' is 1–32 lower-case letters, digits and dashes", "name");
        }
        if (model == null || !ModelId.valid(model)) {
            throw invalid("'model' must be a Hub model id", "model");
        }
        for (String[] field : new String[][]{{"task", task}, {"vendor", vendor}, {"region", region}, {"accelerator", accelerator},
                {"instanceType", instanceType}, {"instanceSize", instanceSize}}) {
            if (field[1] == null || !WORD.matcher(field[1]).matches()) {
                throw invalid("'" + field[0] + "' must be a short lower-case identifier", field[0]);
            }
        }
        if (minReplica < 0 || maxReplica < 1 || minReplica > maxReplica || maxReplica > 100) {
            throw invalid("replicas: 0 ≤ minReplica ≤ maxReplica ≤ 100, maxReplica ≥ 1", "maxReplica");
        }
        if (scaleToZeroMinutes < 0 || scaleToZeroMinutes > 10_080) {
            throw invalid("'scaleToZeroTimeout' is minutes idle before scaling to zero, 0 (never) to 10080", "scaleToZeroTimeout");
        }
    }

    private static InvalidRequest invalid(String message, String param) {
        return new InvalidRequest(ErrorCode.INVALID_FIELD, message, param);
    }
}
