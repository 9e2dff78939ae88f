package id.betang.gateway.outbox;

/** A row to insert; MyBatis writes the generated id back, hence a small mutable holder. */
public final class NewSms {

    private Long id;
    private final String msisdn;
    private final String body;
    private final String category;
    private final String ref;

    public NewSms(String msisdn, String body, String category) {
        this(msisdn, body, category, null);
    }

    /** @param ref null, or what the SMS answers (unique: see {@link Outbox#enqueueOnce}) */
    public NewSms(String msisdn, String body, String category, String ref) {
        this.msisdn = msisdn;
        this.body = body;
        this.category = category;
        this.ref = ref;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getMsisdn() {
        return msisdn;
    }

    public String getBody() {
        return body;
    }

    public String getCategory() {
        return category;
    }

    public String getRef() {
        return ref;
    }
}
