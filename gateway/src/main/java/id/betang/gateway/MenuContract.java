package id.betang.gateway;

import id.betang.gateway.action.BuiltInActions;
import id.betang.gateway.complaint.ComplaintActions;
import id.betang.gateway.complaint.ComplaintDrafts;
import id.betang.gateway.identity.HouseholdConfirmation;
import id.betang.gateway.limits.RateLimits;
import id.betang.gateway.market.MarketSchedule;
import id.betang.gateway.resident.ResidentLookup;
import id.betang.gateway.sms.SmsInbox;
import id.betang.gateway.ussd.AgentPin;
import id.betang.gateway.ussd.Dialogue;
import id.betang.menus.ActionCatalog;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuRequirements;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;

/**
 * What the gateway's code names in a menu (screens it opens or reads, outcomes it gives or reads, SMS texts
 * it sends), gathered from the classes that name them. A menu is loaded against it, so one that lacks any
 * does not start, and says which.
 */
public final class MenuContract {

    public static final MenuRequirements REQUIRES = BuiltInActions.REQUIRES
            .and(ResidentLookup.REQUIRES)
            .and(HouseholdConfirmation.REQUIRES)
            .and(MarketSchedule.REQUIRES)
            .and(ComplaintActions.REQUIRES)
            .and(ComplaintDrafts.REQUIRES)
            .and(Dialogue.REQUIRES)
            .and(AgentPin.REQUIRES)
            .and(SmsInbox.REQUIRES)
            .and(RateLimits.REQUIRES);

    private MenuContract() {
    }

    /** The menu resource's YAML as it is, for its checksum and to serve it beside versions published live. */
    public static String text(String resource) {
        try (java.io.InputStream in = MenuContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no menu resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The menu resource, validated with the gateway's catalogue, limits and requirements. */
    public static MenuTree load(String resource, ScreenLimits limits) {
        return new MenuLoader(ActionCatalog.DEFAULT, limits, REQUIRES).loadResource(resource);
    }
}
