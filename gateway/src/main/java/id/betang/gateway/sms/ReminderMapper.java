package id.betang.gateway.sms;

import java.time.LocalDate;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in ReminderMapper.xml beside this interface's package in resources. */
public interface ReminderMapper {

    /**
     * Who asked for reminders about which NIK (its keyed hash, and the NIK sealed by {@link NikSeal}), and in
     * which language; {@code afterId} pages through those that have not ended.
     */
    record Reminder(long id, String msisdn, String nikHash, String nikSealed, String lang) {
    }

    /** A sign-up from before V14, its NIK still in clear, to be sealed. */
    record Unsealed(long id, String nik) {
    }

    /** A new sign-up, or a repeat (new language, and an ended one starts again). */
    void upsert(@Param("msisdn") String msisdn, @Param("nikHash") String nikHash, @Param("nikSealed") String nikSealed,
                @Param("lang") String lang);

    List<Reminder> page(@Param("afterId") long afterId, @Param("limit") int limit);

    /** The phone may no longer see the household's schedule: no more reminders, and the sealed NIK goes. */
    int end(@Param("id") long id, @Param("why") String why);

    /** @return 1 the first time this reminder is recorded, 0 after */
    int markSent(@Param("msisdn") String msisdn, @Param("nikHash") String nikHash, @Param("program") String program,
                 @Param("onDate") LocalDate onDate);

    List<Unsealed> unsealed(@Param("limit") int limit);

    /** Seals one old sign-up and re-keys its sent reminders (which held the clear NIK) by the hash. */
    int seal(@Param("id") long id, @Param("nikHash") String nikHash, @Param("nikSealed") String nikSealed);

    int rekeySent(@Param("nik") String nik, @Param("nikHash") String nikHash);
}
