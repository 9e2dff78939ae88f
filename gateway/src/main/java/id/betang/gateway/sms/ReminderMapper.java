package id.betang.gateway.sms;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in ReminderMapper.xml beside this interface's package in resources. */
public interface ReminderMapper {

    /** Who asked for reminders, and in which language; {@code afterMsisdn} pages through them. */
    record Reminder(String msisdn, String nik, String lang) {
    }

    void upsert(@Param("msisdn") String msisdn, @Param("nik") String nik, @Param("lang") String lang);

    List<Reminder> page(@Param("afterMsisdn") String afterMsisdn, @Param("afterNik") String afterNik,
                        @Param("limit") int limit);

    /** @return 1 the first time this reminder is recorded, 0 after */
    int markSent(@Param("msisdn") String msisdn, @Param("nik") String nik, @Param("program") String program,
                 @Param("onDate") java.time.LocalDate onDate);
}
