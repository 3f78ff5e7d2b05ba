package io.novix.core.kernel;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a streamed answer (SSE) to the client as it is produced. */
@FunctionalInterface
public interface StreamWriter {

    void writeTo(OutputStream out) throws IOException;
}
