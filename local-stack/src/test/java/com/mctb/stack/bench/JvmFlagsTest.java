package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {

    @Test
    void aServiceTakesTheOptionsBeforeTheJarAndNotTheProgramsArguments() {
        String cmdline = String.join("\0", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=8080", "-jar",
                "/work/call-gateway/target/quarkus-app/quarkus-run.jar", "-Xnot-a-jvm-option") + "\0";
        JvmFlags flags = JvmFlags.parse(cmdline, "17.0.15", null);
        assertThat(flags.command()).isEqualTo("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        assertThat(flags.options()).containsExactly("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(flags).hasToString("Java 17.0.15 -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }

    @Test
    void kafkaSkipsItsClasspathAndStopsAtTheMainClass() {
        String cmdline = String.join("\0", "java", "-Xms128m", "-Xmx512m", "-Dlog4j2.configurationFile=x", "-cp",
                "-Xlooks-like-an-option.jar:b.jar", "kafka.Kafka", "server.properties");
        assertThat(JvmFlags.parse(cmdline, "17.0.15", null).options()).containsExactly("-Xms128m", "-Xmx512m");
    }

    @Test
    void noOptionsAreTheDefaultsAndJavaToolOptionsCount() {
        String cmdline = String.join("\0", "java", "-Dmctb.home=/work", "-cp", "a.jar", "com.mctb.stack.Main", "bench");
        assertThat(JvmFlags.parse(cmdline, "17.0.15", null)).hasToString("Java 17.0.15 (JVM defaults)");
        assertThat(JvmFlags.parse(cmdline, "17.0.15", " -XX:+UseZGC -Dx=y ").options()).containsExactly("-XX:+UseZGC");
    }

    @Test
    void theJavaVersionIsTheReleaseFilesOfTheBinarysJdk() {
        assertThat(JvmFlags.releaseVersion(List.of("IMPLEMENTOR=\"Debian\"", "JAVA_VERSION=\"17.0.15\""))).isEqualTo("17.0.15");
        assertThat(JvmFlags.releaseVersion(List.of("IMPLEMENTOR=\"Debian\""))).isEqualTo("?");
        assertThat(JvmFlags.of(ProcessHandle.current().pid())).hasValueSatisfying(f ->
                assertThat(f.javaVersion()).isEqualTo(System.getProperty("java.version")));
    }
}
