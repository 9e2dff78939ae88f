package id.betang.gateway.outbox;

/** A row to insert; MyBatis writes the generated id back, hence a small mutable holder. */
public final class NewSms {

    private Long id;
    private final String msisdn;
    private final String body;
    private final String category;

    public NewSms(String msisdn, String body, String category) {
        this.msisdn = msisdn;
        this.body = body;
        this.category = category;
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
}
