package id.betang.gateway.sms;

import java.util.Optional;

import org.apache.ibatis.session.SqlSession;

import id.betang.gateway.store.Database;

/** What each phone chose for its SMS: language, and opting out of non-essential SMS. Blocking JDBC. */
public final class Subscribers {

    private final Database database;

    public Subscribers(Database database) {
        this.database = database;
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
