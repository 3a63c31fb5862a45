package com.mctb.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real infrastructure a service's {@code @QuarkusTest} runs against: a Kafka broker and a PostgreSQL database.
 * Use as {@code @WithTestResource(KafkaAndPostgres.class)} on every test class of a module, so they share one
 * application boot.
 */
public class KafkaAndPostgres implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.start();
        String jdbc = TestPostgres.start();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.datasource.jdbc.url", jdbc,
                "quarkus.datasource.username", TestPostgres.user(),
                "quarkus.datasource.password", TestPostgres.password(),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile());
    }

    @Override
    public void stop() {
        // The broker and database live as long as the test JVM: several test classes may share them.
    }
}
