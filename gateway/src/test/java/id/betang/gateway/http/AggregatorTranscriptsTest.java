package id.betang.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import id.betang.gateway.identity.NikHash;

class AggregatorTranscriptsTest {

    private final AggregatorTranscripts transcripts = new AggregatorTranscripts(null, "t:", java.time.Duration.ofMinutes(3),
            new NikHash("0c5e2a91f4d7b36e8a1c"));

    @Test
    void eachStepHandsOnOnlyWhatWasAddedSinceTheTranscriptLastSeen() {
        AggregatorTranscripts.Seen seen = transcripts.of("1*6271031203900004");
        assertEquals("1", transcripts.typed(seen, "1*6271031203900004*1"));
        assertEquals("99", transcripts.typed(transcripts.of("1*2*99"), "1*2*99*99"), "the same key again is new input");
    }

    @Test
    void aTranscriptThatDoesNotStartWithWhatWasSeenGivesItsLastInput() {
        AggregatorTranscripts.Seen seen = transcripts.of("1*6271031203900004");
        assertEquals("7", transcripts.typed(seen, "1*6271031203900005*7"), "another transcript of the same length");
        assertEquals("4", transcripts.typed(AggregatorTranscripts.Seen.NOTHING, "4"));
        assertEquals("2", transcripts.typed(AggregatorTranscripts.Seen.NOTHING, "1*2"));
    }

    @Test
    void whatIsStoredHoldsNeitherTheNikNorTheCardDigitsNorThePin() {
        String stored = transcripts.of("2*6271031203900004*1*115726*7*246810").stored();
        assertFalse(stored.contains("6271031203900004") || stored.contains("115726") || stored.contains("246810"),
                stored);
        assertEquals(transcripts.of("1*2"), AggregatorTranscripts.Seen.parse(transcripts.of("1*2").stored()));
        assertEquals(AggregatorTranscripts.Seen.NOTHING, AggregatorTranscripts.Seen.parse("1*2*3"),
                "a transcript stored by an older version is not trusted as a length and hash");
    }
}
