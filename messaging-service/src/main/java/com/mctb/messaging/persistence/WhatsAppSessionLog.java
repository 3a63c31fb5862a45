package com.mctb.messaging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** When each contact last wrote to one of our WhatsApp senders: what opens WhatsApp's 24-hour session. */
@ApplicationScoped
public class WhatsAppSessionLog {

    @Inject
    EntityManager em;

    public Optional<Instant> lastInbound(String sender, String contact) {
        List<?> rows = em.createNativeQuery(
                        "select last_inbound_at from whatsapp_session where sender = ?1 and contact = ?2")
                .setParameter(1, sender).setParameter(2, contact).getResultList();
        return rows.stream().findFirst().map(WhatsAppSessionLog::instant);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void contactWrote(String sender, String contact, Instant at) {
        em.createNativeQuery("""
                insert into whatsapp_session (sender, contact, last_inbound_at) values (?1, ?2, ?3)
                on conflict (sender, contact) do update set last_inbound_at = greatest(whatsapp_session.last_inbound_at,
                excluded.last_inbound_at)""")
                .setParameter(1, sender).setParameter(2, contact).setParameter(3, at).executeUpdate();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }
}
