package com.mctb.testkit;

import org.testcontainers.DockerClientFactory;

/**
 * Whether tests run their infrastructure in containers. {@code MCTB_TEST_CONTAINERS=always|never|auto} (default auto:
 * containers when a Docker engine answers). Either way the tests are the same: a real broker, a real database.
 */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean useContainers() {
        if (available == null) {
            String mode = System.getenv().getOrDefault("MCTB_TEST_CONTAINERS", "auto");
            available = switch (mode) {
                case "always" -> true;
                case "never" -> false;
                default -> engineAnswers();
            };
        }
        return available;
    }

    private static boolean engineAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false; // asking Testcontainers would only log a page of errors
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
