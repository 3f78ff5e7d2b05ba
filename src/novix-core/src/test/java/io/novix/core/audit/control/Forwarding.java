package io.novix.core.audit.control;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/** Test connections that forward every call to a real one but one method, which gives a fixed answer. */
final class Forwarding {

    private Forwarding() {
    }

    /** {@code c}, except that {@code method} does nothing and returns {@code answer}. */
    static Connection except(Connection c, String method, Object answer) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        return answer;
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
