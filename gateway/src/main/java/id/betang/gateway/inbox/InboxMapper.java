package id.betang.gateway.inbox;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL of the MO inbox; statements in InboxMapper.xml beside this interface's package path. */
public interface InboxMapper {

    /** One multi-row insert; a row whose fingerprint is already there inserts nothing. */
    int insertAll(@Param("rows") List<InboxRow> rows);

    /** Done rows let go of these fingerprints where the same content is new input by now (see the XML). */
    int releaseFingerprints(@Param("fingerprints") List<String> fingerprints, @Param("graceMs") long graceMs,
                            @Param("windowS") long windowS);

    /** Rows stored although their deliver_sm was answered ESME_RX_T_APPN: the SMSC sends them again. */
    int markDeferred(@Param("fingerprints") List<String> fingerprints);

    /** One-part SMS waiting, oldest first; nothing is locked. */
    List<Long> newSingles(@Param("limit") int limit);

    /** A long SMS whose parts are all there, or whose first part waited longer than the timeout. */
    record PartSet(String msisdn, int concatRef, int concatTotal) {
    }

    List<PartSet> readySets(@Param("timeoutMs") long timeoutMs, @Param("limit") int limit);

    /** Takes those of {@code ids} still NEW; returns how many. */
    int claimIds(@Param("ids") List<Long> ids, @Param("token") String token, @Param("instance") String instance,
                 @Param("leaseMs") long leaseMs);

    /** Takes every NEW part of one long SMS at once; returns how many. */
    int claimSet(@Param("set") PartSet set, @Param("token") String token, @Param("instance") String instance,
                 @Param("leaseMs") long leaseMs);

    List<InboxRow> claimedIds(@Param("ids") List<Long> ids, @Param("token") String token);

    List<InboxRow> claimedSet(@Param("set") PartSet set, @Param("token") String token);

    /** Pushes out the lease of those of {@code ids} still live under one of {@code tokens}. */
    int renew(@Param("ids") List<Long> ids, @Param("tokens") List<String> tokens, @Param("leaseMs") long leaseMs);

    int markDone(@Param("ids") List<Long> ids);

    /** Claims whose lease ran out (their instance died) become NEW again, for anyone. */
    int releaseLapsed();

    /** Hands back rows this claim holds and will not finish (stopping). */
    int release(@Param("ids") List<Long> ids, @Param("tokens") List<String> tokens);


    InboxRow find(@Param("id") long id);

    String state(@Param("id") long id);
}
