package com.mctb.stack.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A window's CPU, in milliseconds, split the way the product is judged: {@link #product()} is our services, Kafka
 * and PostgreSQL; the Twilio stand-in and the load generator (the benchmark's own JVM) are on this machine only to
 * drive and answer the product, so they are reported beside it and never inside it.
 *
 * @param seconds       the window's length
 * @param services      each instance of our services (call-gateway, settings-service, …, replicas) → ms
 * @param kafka         the broker process(es)
 * @param postgres      the PostgreSQL server's processes, split by database
 * @param standIn       the Twilio stand-in (WireMock)
 * @param loadGenerator this JVM
 */
public record CpuSplit(double seconds, Map<String, Double> services, double kafka, PostgresProcesses.Cpu postgres,
        double standIn, double loadGenerator) {

    /** The process name of the broker and of the stand-in in the stack's pid files; every other name is a service. */
    static final String KAFKA = "kafka";
    static final String STAND_IN = "twilio-standin";

    /** The CPU used between two snapshots; {@code database} is the benchmark's PostgreSQL database. */
    public static CpuSplit between(CpuSnapshot from, CpuSnapshot to, String database) {
        Map<String, Double> services = new LinkedHashMap<>();
        double kafka = 0, standIn = 0;
        for (Map.Entry<String, Long> e : to.jvms().entrySet()) {
            Long before = from.jvms().get(e.getKey());
            double ms = before == null ? 0 : ProcStat.ms(Math.max(0, e.getValue() - before));
            if (e.getKey().startsWith(KAFKA)) {
                kafka += ms;
            } else if (e.getKey().equals(STAND_IN)) {
                standIn += ms;
            } else {
                services.put(e.getKey(), ms);
            }
        }
        return new CpuSplit((to.nanoTime() - from.nanoTime()) / 1e9, services, kafka,
                PostgresProcesses.between(from.postgres(), to.postgres(), database), standIn,
                ProcStat.ms(Math.max(0, to.self() - from.self())));
    }

    public double servicesTotal() {
        return services.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Our services, Kafka and PostgreSQL (less other databases' backends). */
    public double product() {
        return servicesTotal() + kafka + postgres.product();
    }

    /** Everything measured, the stand-in and the load generator included. */
    public double all() {
        return product() + standIn + loadGenerator + postgres.otherDatabases();
    }

    /** {@code ms} per unit (e.g. per call); 0 when there are none. */
    public static double per(double ms, long units) {
        return units <= 0 ? 0 : ms / units;
    }

    /** The share of one core (100 = one core busy the whole window). */
    public double percentOfACore(double ms) {
        return seconds <= 0 ? 0 : ms / (seconds * 1000.0) * 100.0;
    }

    /** For bench.json: every figure as ms in the window and ms per unit. */
    public Map<String, Object> toJson(long units) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seconds", seconds);
        json.put("units", units);
        json.put("productMsPerUnit", per(product(), units));
        json.put("product", figure(product(), units));
        json.put("services", figure(servicesTotal(), units));
        Map<String, Object> each = new LinkedHashMap<>();
        services.forEach((name, ms) -> each.put(name, figure(ms, units)));
        json.put("eachService", each);
        json.put("kafka", figure(kafka, units));
        Map<String, Object> pg = new LinkedHashMap<>(figure(postgres.product(), units));
        pg.put("benchDatabaseBackendsMs", postgres.database());
        pg.put("backgroundMs", postgres.background());
        pg.put("endedBackendsMs", postgres.ended());
        pg.put("otherDatabasesBackendsMsNotCounted", postgres.otherDatabases());
        json.put("postgresql", pg);
        json.put("twilioStandIn", figure(standIn, units));
        json.put("loadGenerator", figure(loadGenerator, units));
        return json;
    }

    private Map<String, Object> figure(double ms, long units) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ms", ms);
        f.put("msPerUnit", per(ms, units));
        f.put("percentOfACore", percentOfACore(ms));
        return f;
    }
}
