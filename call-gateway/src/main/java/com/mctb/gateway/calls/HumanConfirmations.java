package com.mctb.gateway.calls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Human-answer confirmation: a screened forward is bridged only after the person who picked up pressed a key. The
 * press is recorded by the caller's CallSid, so the dial callback (on any replica) can tell a person from the
 * forwarded phone's own voicemail, which never presses.
 */
@ApplicationScoped
public class HumanConfirmations {

    @Inject
    EntityManager em;

    @Transactional
    public void confirm(String parentCallSid) {
        em.createNativeQuery("insert into human_confirmation (call_sid) values (?1) on conflict do nothing")
                .setParameter(1, parentCallSid).executeUpdate();
    }

    public boolean isConfirmed(String callSid) {
        return !em.createNativeQuery("select 1 from human_confirmation where call_sid = ?1")
                .setParameter(1, callSid).getResultList().isEmpty();
    }
}
