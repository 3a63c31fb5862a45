package com.mctb.messaging.rest;

import com.mctb.messaging.domain.AccountMonths;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.UsageLedger;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account's messaging usage for a calendar month in its time zone (the current month when none is given): texts
 * and segments Twilio accepted, in total and by channel and cause.
 */
@Path("/api/accounts/{accountId}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageLedger ledger;

    @Inject
    BusinessProfiles profiles;

    @GET
    public UsageResponse month(@PathParam("accountId") String accountId, @QueryParam("month") String month) {
        YearMonth ym;
        try {
            ym = month == null
                    ? AccountMonths.of(Instant.now(), profiles.timeZones(List.of(accountId)).get(accountId))
                    : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("month: '" + month + "' is not a month as YYYY-MM");
        }
        List<UsageLedger.Line> lines = ledger.month(accountId, ym);
        Map<String, Total> byChannel = new TreeMap<>();
        Map<String, Total> byCause = new TreeMap<>();
        for (UsageLedger.Line line : lines) {
            byChannel.merge(line.channel().name(), new Total(line.messages(), line.segments()), Total::plus);
            byCause.merge(line.cause().name(), new Total(line.messages(), line.segments()), Total::plus);
        }
        return new UsageResponse(accountId, ym.toString(), lines.stream().mapToInt(UsageLedger.Line::messages).sum(),
                lines.stream().mapToInt(UsageLedger.Line::segments).sum(), byChannel, byCause, lines);
    }

    public record UsageResponse(String accountId, String month, int messages, int segments, Map<String, Total> byChannel,
            Map<String, Total> byCause, List<UsageLedger.Line> lines) {
    }

    /** Texts and segments. */
    public record Total(int messages, int segments) {
        Total plus(Total other) {
            return new Total(messages + other.messages, segments + other.segments);
        }
    }
}
