package id.betang.gateway.sms;

import java.util.Optional;

import org.apache.ibatis.session.SqlSession;

import id.betang.gateway.store.Database;

/** What each phone chose for its SMS: language, and opting out of non-essential SMS. Blocking JDBC. */
public final class Subscribers {

    /** Told of each language choice once it is committed, e.g. to mirror it where dials read it. Blocking. */
    @FunctionalInterface
    public interface LanguageChosen {
        LanguageChosen NONE = (msisdn, lang) -> { };

        void chosen(String msisdn, Optional<String> lang);
    }

    private final Database database;
    private final LanguageChosen chosen;

    public Subscribers(Database database) {
        this(database, LanguageChosen.NONE);
    }

    public Subscribers(Database database, LanguageChosen chosen) {
        this.database = database;
        this.chosen = chosen;
    }

    public Optional<String> lang(String msisdn) {
        try (SqlSession session = database.sessions().openSession(true)) {
            return Optional.ofNullable(session.getMapper(SubscriberMapper.class).lang(msisdn));
        }
    }

    public void setLang(String msisdn, String lang) {
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(SubscriberMapper.class).setLang(msisdn, lang);
        }
        chosen.chosen(msisdn, Optional.ofNullable(lang));
    }

    public void optOut(String msisdn, boolean out) {
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(SubscriberMapper.class).setOptedOut(msisdn, out);
        }
    }

    /** Reminders and news skip these phones; ticket updates and replies do not. */
    public boolean optedOut(String msisdn) {
        try (SqlSession session = database.sessions().openSession(true)) {
            return Boolean.TRUE.equals(session.getMapper(SubscriberMapper.class).optedOut(msisdn));
        }
    }
}
