package id.betang.simulator.smsc;

/** Sees every PDU on the simulator's links, whole, in the order each direction carried them. */
@FunctionalInterface
interface WireTap {

    /** @param link the gateway's remote port: one number per TCP connection */
    void pdu(int link, Pdu.Direction direction, byte[] pdu);
}
