package com.mctb.gateway.calls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Human-answer confirmation: a screened forward is bridged only after the person who picked up pressed a key. The
 * press is recorded by the caller's CallSid, so the dial callback (on any replica) can tell a person from the
 * forwarded phone's own voicemail, which never presses; with it, the number whose person pressed (the forwarded
 * leg's {@code To}): who answered, when a leg rang several numbers at once.
 */
@ApplicationScoped
public class HumanConfirmations {

    @Inject
    EntityManager em;

    /** A person pressed a key on the forwarded leg to {@code answeredNumber} (null: not known) of the call. */
    @Transactional
    public void confirm(String parentCallSid, String answeredNumber) {
        em.createNativeQuery("insert into human_confirmation (call_sid, answered_number) values (?1, ?2) "
                        + "on conflict do nothing")
                .setParameter(1, parentCallSid).setParameter(2, answeredNumber).executeUpdate();
    }

    public boolean isConfirmed(String callSid) {
        return !em.createNativeQuery("select 1 from human_confirmation where call_sid = ?1")
                .setParameter(1, callSid).getResultList().isEmpty();
    }

    /**
     * The number whose person pressed a key on the call's screen, if one did and it is known. In a transaction of its
     * own: it is asked off any request (beside the leg's row).
     */
    @Transactional
    public Optional<String> answeredNumber(String callSid) {
        @SuppressWarnings("unchecked")
        List<String> numbers = em.createNativeQuery("select answered_number from human_confirmation where call_sid = ?1")
                .setParameter(1, callSid).getResultList();
        return numbers.stream().filter(n -> n != null && !n.isBlank()).findFirst();
    }
}
