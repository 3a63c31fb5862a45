package com.mctb.twilio.standin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the stand-in remembers across a restart, as Twilio does: the accounts it knows (SID, auth token, friendly name,
 * owner; not the platform's account, which each start is given) and the numbers each holds with their configuration (VoiceUrl, StatusCallback, SmsUrl, …), in one JSON file
 * rewritten (a temporary file moved over it) whenever they change. Messages, calls, recordings and the request journal
 * are not kept.
 *
 * <p>A file that cannot be read is moved aside ({@code state.json.unreadable}) with a line on stderr, and the stand-in
 * starts with no accounts or numbers, as without a file.
 */
final class StandInState {

    /** The file's content. */
    record Saved(int version, List<StandInAccount> accounts, List<HeldNumber> numbers) {

        static final int VERSION = 1;

        Saved(List<StandInAccount> accounts, List<HeldNumber> numbers) {
            this(VERSION, accounts, numbers);
        }

        static Saved empty() {
            return new Saved(List.of(), List.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            // StandInAccount.isSubaccount() is written as "subaccount": derived, so not read back.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    StandInState(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The accounts and numbers of the file; none when there is no file or it cannot be read. */
    Saved load() {
        try {
            return check(JSON.readValue(Files.readAllBytes(file), Saved.class));
        } catch (NoSuchFileException e) {
            return Saved.empty();
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            String kept;
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                kept = "moved to " + aside;
            } catch (IOException moveFailed) {
                kept = "left as it is (" + moveFailed + ")";
            }
            System.err.println("Twilio API stand-in: cannot read its state file " + file + " (" + reason(e) + "); "
                    + kept + "; starting with no accounts or numbers");
            return Saved.empty();
        }
    }

    /**
     * Writes what {@code state} says now. One write at a time, each taking its snapshot under the lock, so the last
     * write has every change made before it. A failed write is a line on stderr: the change stands in memory.
     */
    synchronized void save(Supplier<Saved> state) {
        Saved saved = state.get();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(temp.toFile(), saved);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            System.err.println("Twilio API stand-in: cannot write its state file " + file + ": " + e);
        }
    }

    /** One line: Jackson's messages span two, and name the source. */
    private static String reason(Exception e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return json.getOriginalMessage() + " at line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr();
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }

    private static Saved check(Saved saved) {
        Objects.requireNonNull(saved, "empty");
        if (saved.version() != Saved.VERSION) {
            throw new IllegalArgumentException("version " + saved.version() + ", not " + Saved.VERSION);
        }
        List<StandInAccount> accounts = saved.accounts() == null ? List.of() : saved.accounts();
        List<HeldNumber> numbers = saved.numbers() == null ? List.of() : saved.numbers();
        for (int i = 0; i < accounts.size(); i++) {
            StandInAccount a = accounts.get(i);
            if (a == null || a.sid() == null || a.ownerSid() == null || a.createdAt() == null) {
                throw new IllegalArgumentException("accounts[" + i + "] has no sid, ownerSid or createdAt");
            }
        }
        for (int i = 0; i < numbers.size(); i++) {
            HeldNumber n = numbers.get(i);
            if (n == null || n.sid() == null || n.accountSid() == null || n.phoneNumber() == null
                    || n.createdAt() == null || n.updatedAt() == null) {
                throw new IllegalArgumentException("numbers[" + i + "] has no sid, accountSid, phoneNumber, createdAt"
                        + " or updatedAt");
            }
        }
        return new Saved(accounts, numbers);
    }
}
