package opsline;

import io.micronaut.runtime.Micronaut;
import opsline.system.DatabaseServer;
import opsline.system.StartupFailure;

/**
 * Starts Opsline: first the database it will use (an external server or the embedded one),
 * then the Micronaut application on top of it.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        try {
            DatabaseServer database = DatabaseServer.fromEnvironment(System.getenv());
            Micronaut.build(args)
                    .mainClass(Application.class)
                    .properties(database.datasourceProperties())
                    .start();
        } catch (RuntimeException e) {
            StartupFailure.exit(e);
        }
    }
}
