package id.betang.gateway.sms;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.complaint.ComplaintDrafts;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.complaint.Tickets;
import id.betang.gateway.identity.HouseholdConfirmation;
import id.betang.gateway.limits.RateLimited;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.resident.ResidentLookup;
import id.betang.gateway.smpp.MoSms;
import id.betang.menus.ActionResult;
import id.betang.menus.DialogueState;
import id.betang.menus.Engine;
import id.betang.menus.MenuRequirements;
import id.betang.menus.NikShape;
import id.betang.menus.Screen;
import id.betang.menus.TicketId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Whole MO SMS, after reassembly, answered as commands ({@link SmsCommand}), each by one SMS through the
 * outbox in the phone's language. Status and schedule go through the same identity rules and audit as USSD
 * and are written as the USSD result screens are (the menu's texts, unpaged); a complaint's confirmation is
 * queued in the complaint's own transaction. Anything not understood gets the short help.
 *
 * <p>Each SMS comes from a row of the durable inbox and may come again (at least once: an instance that died
 * before marking it done). Every effect is keyed by that row ({@code mo:<id>}) or repeats harmlessly: the
 * complaint's filing key and the outbox ref of its ticket SMS and of every reply are {@code mo:<id>}, so a
 * second go files nothing and queues no second SMS; STOP, START and LANG set what they set again; INGATKAN's
 * sign-up is an upsert by phone and NIK. (KODE's code to the household phone is the identity module's SMS and
 * may go twice.)
 */
public final class SmsInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);
    static final String CHANNEL = "sms-smpp";
    /** SMS has no screen to keep waiting: a registry answer may take as long as the client allows. */
    /** {@code CEK <NIK> <6 digits>}: the NIK, then a code or the card's last digits. */
    private static final int NIK_LENGTH = 16;
    private static final int NIK_AND_DIGITS = NIK_LENGTH + 6;
    private static final Duration LOOKUP_BUDGET = Duration.ofSeconds(30);
    /** The same complaint words from the same phone within this are the same complaint. */
    static final Duration SAME_COMPLAINT = Duration.ofMinutes(10);
    /** Leading words that pick a complaint's category; anything else is OTHER. */
    private static final Map<String, String> CATEGORY_WORDS = Map.ofEntries(
            Map.entry("BELUM", "AID_NOT_RECEIVED"), Map.entry("NOTRECEIVED", "AID_NOT_RECEIVED"),
            Map.entry("SALAH", "WRONG_DATA"), Map.entry("WRONG", "WRONG_DATA"),
            Map.entry("LAYAK", "EXCLUDED_BUT_ELIGIBLE"), Map.entry("ELIGIBLE", "EXCLUDED_BUT_ELIGIBLE"),
            Map.entry("TIDAKLAYAK", "INELIGIBLE_RECIPIENT"), Map.entry("INELIGIBLE", "INELIGIBLE_RECIPIENT"),
            Map.entry("PUNGLI", "ILLEGAL_LEVY"), Map.entry("LEVY", "ILLEGAL_LEVY"),
            Map.entry("UBAH", "DATA_UPDATE"), Map.entry("UPDATE", "DATA_UPDATE"));

    /** The menu's screens whose result texts CEK and JADWAL answers are written with. */
    static final String STATUS_LOOKUP = "status.lookup";
    static final String SCHEDULE_LOOKUP = "schedule.lookup";
    /** Screens, outcomes and texts this inbox names, which the menu must have. */
    public static final MenuRequirements REQUIRES = MenuRequirements.screens(STATUS_LOOKUP, SCHEDULE_LOOKUP)
            .and(MenuRequirements.outcomes("registry.status", Outcome.OK, Outcome.VERIFY))
            .and(MenuRequirements.outcomes("registry.schedule", Outcome.OK, Outcome.NONE, Outcome.VERIFY))
            .and(SmsTexts.REQUIRES);

    private final Vertx vertx;
    private final Outbox outbox;
    private final Inbound inbound;
    /** The menu serving now (published live or bundled): its SMS texts and lookups answer. */
    private final Supplier<Engine> engines;
    private final SmsTexts texts;
    private final ComplaintStore complaints;
    private final Tickets tickets;
    private final ComplaintDrafts drafts;
    private final Subscribers subscribers;
    private final ResidentLookup residents;
    private final HouseholdConfirmation confirmation;
    private final Reminders reminders;

    public SmsInbox(Vertx vertx, Outbox outbox, Inbound inbound, Supplier<Engine> engines, SmsTexts texts,
                    ComplaintStore complaints, Tickets tickets, ComplaintDrafts drafts, Subscribers subscribers,
                    ResidentLookup residents, HouseholdConfirmation confirmation, Reminders reminders) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.inbound = inbound;
        this.engines = engines;
        this.texts = texts;
        this.complaints = complaints;
        this.tickets = tickets;
        this.drafts = drafts;
        this.subscribers = subscribers;
        this.residents = residents;
        this.confirmation = confirmation;
        this.reminders = reminders;
    }

    /** A whole SMS, from inbox row {@code inboxId}; completes once it is answered (or failed). */
    public Future<Void> onSms(long inboxId, MoSms sms) {
        SmsCommand command = SmsCommand.parse(sms.text());
        String ref = "mo:" + inboxId;
        return inbound.step(CHANNEL, sms.msisdn(), "sms", () -> answer(sms.msisdn(), command, ref),
                        done -> command.kind().name().toLowerCase(Locale.ROOT))
                // over the limit: dropped without a reply (counted by Inbound), so a flood gets no reply storm
                .recover(e -> e instanceof RateLimited ? Future.succeededFuture() : Future.failedFuture(e))
                .onFailure(e -> LOG.warn("SMS from {} not answered: {}", Mask.msisdn(sms.msisdn()), e.toString()))
                .mapEmpty();
    }

    /** @param ref {@code mo:<inbox id>}: the complaint's filing key and every answer's outbox ref */
    private Future<Void> answer(String msisdn, SmsCommand command, String ref) {
        if (command.kind() == SmsCommand.Kind.COMPLAINT && !command.argument().isBlank()) {
            // the complaint's own look at the phone reads its language too: one round trip, not two
            return complaint(msisdn, ref, command.argument(), command.lang());
        }
        return blocking(() -> subscribers.lang(msisdn)).otherwise(Optional.empty())
                .compose(chosen -> {
                    String lang = chosen.orElse(command.lang());
                    return switch (command.kind()) {
                        case COMPLAINT -> complaint(msisdn, ref, command.argument(), lang);
                        case TICKET -> ticket(msisdn, ref, command.argument(), lang);
                        case STATUS, SCHEDULE -> lookup(msisdn, ref, command, lang);
                        case CODE -> code(msisdn, ref, command.argument(), lang);
                        case STOP -> blocking(() -> {
                            subscribers.optOut(msisdn, true);
                            return null;
                        }).compose(v -> reply(msisdn, ref, text(SmsTexts.STOPPED, lang, Map.of())));
                        case START -> blocking(() -> {
                            subscribers.optOut(msisdn, false);
                            return null;
                        }).compose(v -> reply(msisdn, ref, text(SmsTexts.STARTED, lang, Map.of())));
                        case LANG -> language(msisdn, ref, command.argument(), lang);
                        case REMIND -> remind(msisdn, ref, command.argument(), lang);
                        case HELP -> reply(msisdn, ref, text(SmsTexts.HELP, lang, Map.of()));
                    };
                });
    }

    /** @param typedLang the language the command was typed in, for a phone that chose none */
    private Future<Void> complaint(String msisdn, String ref, String text, String typedLang) {
        if (text.isBlank()) {
            return reply(msisdn, ref, text(SmsTexts.COMPLAINT_EMPTY, typedLang, Map.of()));
        }
        // the same words again soon after: the SMSC's copy of an MO whose answer it lost with the link, the
        // resident unsure it arrived, or this MO processed again; either way the same complaint, answered with its
        // ticket (for this MO again: not queued twice, by its ref), not filed twice. One look answers the limit
        // too, and reads the phone's chosen language.
        return blocking(() -> complaints.recent(msisdn, "SMS", text, SAME_COMPLAINT)).compose(recent -> {
            String lang = recent.lang().orElse(typedLang);
            if (recent.sameWordsTicket().isPresent()) {
                return reply(msisdn, ref, text(SmsTexts.FILED, lang, Map.of("ticket", recent.sameWordsTicket().get())));
            }
            if (recent.limited()) {
                return reply(msisdn, ref, text(SmsTexts.COMPLAINT_LIMITED, lang, Map.of()));
            }
            return fileComplaint(msisdn, ref, text, lang);
        });
    }

    /** A complaint begun on *777# and dropped is completed by this text (without Redis: a fresh one). */
    private Future<Void> fileComplaint(String msisdn, String ref, String text, String lang) {
        String first = text.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return drafts.take(msisdn).otherwise(Optional.empty()).compose(draft -> blocking(() -> {
            Map<String, String> d = draft.orElse(Map.of());
            String category = d.getOrDefault("category", CATEGORY_WORDS.getOrDefault(first, "OTHER"));
            return complaints.fileChecked(new ComplaintStore.Filing(category, "SMS", msisdn, null, d.get("nik"),
                    d.get("region"), d.get("village"), text, ref),
                    ticket -> text(SmsTexts.FILED, lang, Map.of("ticket", ticket)));
        })).mapEmpty();
    }

    private Future<Void> ticket(String msisdn, String ref, String typed, String lang) {
        String ticket = TicketId.normalise(typed.split("\\s+", 2)[0]);
        if (!TicketId.isValid(ticket)) {
            return reply(msisdn, ref, text(SmsTexts.TICKET_WRONG, lang, Map.of("ticket", ticket)));
        }
        return tickets.find(ticket, LOOKUP_BUDGET.toMillis()).compose(found -> {
            if (found.isEmpty()) {
                return reply(msisdn, ref, text(SmsTexts.TICKET_WRONG, lang, Map.of("ticket", ticket)));
            }
            Complaint c = found.get();
            if (!c.readableBy(msisdn)) {
                return reply(msisdn, ref, text(SmsTexts.TICKET_NOT_YOURS, lang, Map.of()));
            }
            return reply(msisdn, ref, text(SmsTexts.TICKET, lang, Map.of("ticket", ticket, "status", c.status(),
                    "note", c.note() == null ? "" : c.note(),
                    "updatedAt", c.updatedOn())));
        });
    }

    /**
     * CEK/JADWAL: the menu's own lookup and result screens, so SMS and USSD say the same thing. From a phone
     * not the household's, {@code CEK <NIK> <6 digits>} confirms first: a code asked with KODE, or else the
     * card's last 6 digits (one try, whichever it was meant as); then the answer follows as for the household.
     */
    private Future<Void> lookup(String msisdn, String ref, SmsCommand command, String lang) {
        String typed = command.argument().replaceAll("\\s", "");
        String nik = typed.length() == NIK_AND_DIGITS ? typed.substring(0, NIK_LENGTH) : typed;
        if (!NikShape.isValid(nik)) {
            return reply(msisdn, ref, text(SmsTexts.NIK_WRONG, lang, Map.of()));
        }
        boolean status = command.kind() == SmsCommand.Kind.STATUS;
        DialogueState at = lookupScreen(status ? STATUS_LOOKUP : SCHEDULE_LOOKUP, lang, nik);
        Future<ActionResult> confirmed = typed.length() == NIK_AND_DIGITS
                ? confirmation.either(nik, typed.substring(NIK_LENGTH), caller(msisdn))
                : Future.succeededFuture(ActionResult.of(Outcome.OK));
        return confirmed.otherwise(ActionResult.unavailable()).compose(c -> {
            if (c.outcome().equals(Outcome.WRONG)) {
                return reply(msisdn, ref, text(SmsTexts.CONFIRM_WRONG, lang, Map.of("nik", nik)));
            }
            if (!c.outcome().equals(Outcome.OK)) {
                return reply(msisdn, ref, engine().message(at, c).orElseGet(() -> text(SmsTexts.FAILED, lang, Map.of("nik", nik))));
            }
            Future<ActionResult> result = status ? residents.status(Map.of("nik", nik), caller(msisdn))
                    : residents.schedule(Map.of("nik", nik), caller(msisdn));
            return result.otherwise(ActionResult.unavailable()).compose(r -> {
                if (r.outcome().equals(Outcome.VERIFY)) {
                    return reply(msisdn, ref, text(SmsTexts.VERIFY, lang, verifyValues(nik, r)));
                }
                return reply(msisdn, ref, engine().message(at, r).orElseGet(() -> text(SmsTexts.FAILED, lang, Map.of("nik", nik))));
            });
        });
    }

    /** KODE: a one-time code to the household phone, to be sent back as {@code CEK <NIK> <code>}. */
    private Future<Void> code(String msisdn, String ref, String argument, String lang) {
        String nik = argument.replaceAll("\\s", "");
        if (!NikShape.isValid(nik)) {
            return reply(msisdn, ref, text(SmsTexts.NIK_WRONG, lang, Map.of()));
        }
        return confirmation.sendCode(Map.of("nik", nik), caller(msisdn)).otherwise(ActionResult.unavailable())
                .compose(r -> switch (r.outcome()) {
                    case Outcome.OK -> reply(msisdn, ref, text(SmsTexts.CODE_SENT, lang, verifyValues(nik, r)));
                    case Outcome.LIMITED -> reply(msisdn, ref, text(SmsTexts.CODE_LIMITED, lang, Map.of()));
                    default -> reply(msisdn, ref, engine().message(lookupScreen(STATUS_LOOKUP, lang, nik), r)
                            .orElseGet(() -> text(SmsTexts.FAILED, lang, Map.of("nik", nik))));
                });
    }

    private static Map<String, String> verifyValues(String nik, ActionResult r) {
        return Map.of("nik", nik, "phone", String.valueOf(r.values().getOrDefault("phone", "")));
    }

    /**
     * INGATKAN: reminders tell of the household's disbursements, so the phone must be allowed to see its
     * schedule (household phone, or a confirmation by card digits or code) before it is signed up; {@link Reminders}
     * asks the same again at each send.
     */
    private Future<Void> remind(String msisdn, String ref, String argument, String lang) {
        String nik = argument.replaceAll("\\s", "");
        if (!NikShape.isValid(nik)) {
            return reply(msisdn, ref, text(SmsTexts.NIK_WRONG, lang, Map.of()));
        }
        DialogueState at = lookupScreen(SCHEDULE_LOOKUP, lang, nik);
        return residents.schedule(Map.of("nik", nik), caller(msisdn)).otherwise(ActionResult.unavailable()).compose(r -> {
            switch (r.outcome()) {
                case Outcome.OK, Outcome.NONE:
                    return blocking(() -> {
                        reminders.optIn(msisdn, nik, lang);
                        return null;
                    }).compose(v -> reply(msisdn, ref, text(SmsTexts.REMIND_ON, lang, Map.of("nik", nik))));
                case Outcome.VERIFY:
                    return reply(msisdn, ref, text(SmsTexts.VERIFY, lang, verifyValues(nik, r)));
                default:
                    return reply(msisdn, ref, engine().message(at, r)
                            .orElseGet(() -> text(SmsTexts.FAILED, lang, Map.of("nik", nik))));
            }
        });
    }

    /** Who asks, for the registry actions: an SMS has no screen to keep waiting, so it gets a long budget. */
    private static Actions.Caller caller(String msisdn) {
        return new Actions.Caller(msisdn, CHANNEL, Optional.empty(), System.nanoTime() + LOOKUP_BUDGET.toNanos(),
                eventual -> { });
    }

    /** Where the menu's lookup stands, so its result screens can write the SMS. */
    private static DialogueState lookupScreen(String screen, String lang, String nik) {
        return new DialogueState(screen, lang, Screen.Audience.RESIDENT, 0, 0, List.of(), Map.of("nik", nik), List.of());
    }

    private Future<Void> language(String msisdn, String ref, String argument, String lang) {
        String wanted = argument.strip().toLowerCase(Locale.ROOT);
        if (!engine().tree().languages().contains(wanted)) {
            return reply(msisdn, ref, text(SmsTexts.HELP, lang, Map.of()));
        }
        return blocking(() -> {
            subscribers.setLang(msisdn, wanted);
            return null;
        }).compose(v -> reply(msisdn, ref, text(SmsTexts.LANGUAGE, wanted, Map.of())));
    }

    /** The SMS that tells a complainant of a new status, in the language the phone chose. Blocking. */
    public String ticketUpdate(Complaint c) {
        String lang = subscribers.lang(c.msisdn()).orElse(engine().tree().defaultLanguage());
        return text(SmsTexts.TICKET_UPDATE, lang, Map.of("ticket", c.ticketId(), "status", c.status(),
                "note", c.note() == null ? "" : c.note())).strip();
    }

    private String text(String key, String lang, Map<String, String> values) {
        return texts.text(key, lang, values);
    }

    /**
     * Replies to a phone's own request: always sent, whatever it opted out of; once per MO ({@code ref}), so an
     * MO processed again (its instance died before marking it done) queues no second reply.
     */
    private Future<Void> reply(String msisdn, String ref, String text) {
        return blocking(() -> outbox.enqueueOnce(null, msisdn, text, "reply", ref)).mapEmpty();
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private Engine engine() {
        return engines.get();
    }
}
