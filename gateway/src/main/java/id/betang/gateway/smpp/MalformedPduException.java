package id.betang.gateway.smpp;

/** A PDU we cannot act on; carries the SMPP command_status to answer it with. */
public final class MalformedPduException extends Exception {

    private final int commandStatus;

    public MalformedPduException(int commandStatus, String reason) {
        super(reason);
        this.commandStatus = commandStatus;
    }

    public int commandStatus() {
        return commandStatus;
    }
}
