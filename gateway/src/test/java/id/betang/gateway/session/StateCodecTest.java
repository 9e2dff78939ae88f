package id.betang.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.betang.menus.DialogueState;
import id.betang.menus.Screen;

class StateCodecTest {

    @Test
    void roundTripsEverythingTheEngineKeeps() {
        DialogueState state = new DialogueState("status.result", "en", Screen.Audience.AGENT, 2, 1,
                List.of("main", "status.nik"),
                Map.of("nik", "6271031203900004",
                        "benefits", List.of(Map.of("program", "BLT", "status", "ACTIVE"))),
                List.of("1"));
        String json = StateCodec.encode(state);
        assertEquals(state, StateCodec.decode(json));
    }

    @Test
    void keepsTheMenuVersionTheDialogueRunsOnAndReadsOlderSessionsWithout() {
        DialogueState state = DialogueState.start("main", "id", Screen.Audience.RESIDENT, List.of());
        assertEquals(new SessionStore.Saved(state, "sha256:0123456789ab"),
                StateCodec.decodeSaved(StateCodec.encode(state, "sha256:0123456789ab")));
        assertEquals(new SessionStore.Saved(state, null), StateCodec.decodeSaved(StateCodec.encode(state)));
    }
}
