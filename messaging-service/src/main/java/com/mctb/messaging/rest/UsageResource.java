package com.mctb.messaging.rest;

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
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The account's messaging usage for a month. */
@Path("/api/accounts/{accountId}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageLedger ledger;

    @GET
    public UsageResponse month(@PathParam("accountId") String accountId, @QueryParam("month") String month) {
        YearMonth ym;
        try {
            ym = month == null ? YearMonth.now(ZoneOffset.UTC) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("month: '" + month + "' is not a month as YYYY-MM");
        }
        List<UsageLedger.Line> lines = ledger.month(accountId, ym);
        return new UsageResponse(accountId, ym.toString(), lines.stream().mapToInt(UsageLedger.Line::messages).sum(),
                lines.stream().mapToInt(UsageLedger.Line::segments).sum(), lines);
    }

    public record UsageResponse(String accountId, String month, int messages, int segments, List<UsageLedger.Line> lines) {
    }
}
