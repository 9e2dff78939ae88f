package id.betang.gateway.sms;

import java.util.Map;
import java.util.function.Supplier;

import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.resident.ResidentLookup;
import id.betang.menus.MenuRequirements;
import id.betang.menus.MenuTree;
import id.betang.menus.Template;

/**
 * The SMS the gateway writes, from the menu's texts, in the phone's language. Every key is required of the
 * menu ({@link #REQUIRES}), so a menu without one fails to load instead of answering "busy".
 */
public final class SmsTexts {

    static final String HELP = "smsHelp";
    static final String FILED = "smsFiled";
    static final String COMPLAINT_EMPTY = "smsComplaintEmpty";
    static final String COMPLAINT_LIMITED = "smsComplaintLimited";
    static final String TICKET = "smsTicket";
    static final String TICKET_UPDATE = "smsTicketUpdate";
    static final String TICKET_WRONG = "smsTicketWrong";
    static final String TICKET_NOT_YOURS = "smsTicketNotYours";
    static final String NIK_WRONG = "smsNikWrong";
    static final String VERIFY = "smsVerify";
    static final String CONFIRM_WRONG = "smsConfirmWrong";
    static final String CODE = "smsCode";
    static final String CODE_SENT = "smsCodeSent";
    static final String CODE_LIMITED = "smsCodeLimited";
    static final String REMIND_ON = "smsRemindOn";
    static final String REMINDER = "smsReminder";
    static final String STOPPED = "smsStopped";
    static final String STARTED = "smsStarted";
    static final String LANGUAGE = "smsLanguage";
    static final String FAILED = "smsFailed";
    static final String QUIET = "smsComplaintQuiet";

    public static final MenuRequirements REQUIRES = MenuRequirements.systemTexts(HELP, FILED, COMPLAINT_EMPTY,
            COMPLAINT_LIMITED, TICKET, TICKET_UPDATE, TICKET_WRONG, TICKET_NOT_YOURS, NIK_WRONG, VERIFY, CONFIRM_WRONG, CODE, CODE_SENT, CODE_LIMITED, REMIND_ON,
            REMINDER, STOPPED, STARTED, LANGUAGE, FAILED, QUIET);

    private final Supplier<MenuTree> menu;

    /** @param menu the menu serving now: a menu published live changes the SMS too */
    public SmsTexts(Supplier<MenuTree> menu) {
        this.menu = menu;
    }

    public SmsTexts(MenuTree menu) {
        this(() -> menu);
    }

    /** The text {@code key} in {@code lang}, its placeholders filled. */
    String text(String key, String lang, Map<String, String> values) {
        // the validator requires every key; "busy" only for a menu loaded without the gateway's requirements
        MenuTree tree = menu.get();
        String template = tree.optionalSystem(key, lang).orElseGet(() -> tree.system("busy", lang));
        return new Template(tree, lang).fill(template, values, null);
    }

    /** The one-time code SMS to a household phone: {@code code}, {@code caller} (masked) and {@code nik}. */
    public String code(String lang, Map<String, String> values) {
        return text(CODE, lang, values);
    }

    /** A complaint with no news for a while: still being handled, its status, and whom to ask. */
    public String quiet(String lang, Complaint c) {
        return text(QUIET, lang, Map.of("ticket", c.ticketId(), "status", c.status(), "since", c.updatedOn()));
    }

    /** The reminder SMS for one disbursement, in the language of the opt-in. */
    public String reminder(String lang, Registry.Disbursement d) {
        return text(REMINDER, lang, ResidentLookup.values(d));
    }
}
