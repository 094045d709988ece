package dev.vtool.schema.model;

/** Protocol-specific {@code settings} of an inbound; one record type per protocol. */
public interface InboundSettings {
    /** The level whose policy applies to connections of this inbound (before a user is known). */
    default int userLevel() {
        return 0;
    }

    /**
     * The inbound's own idle timeout in seconds ({@code timeout} of http / dokodemo-door), which V2Ray
     * applies instead of the level's connIdle when {@code userLevel} is 0; 0 when there is none.
     */
    default int idleTimeoutOverride() {
        return 0;
    }

    /**
     * Whether connections keep the destination the kernel recorded for them (iptables REDIRECT or TPROXY):
     * 4.34's ReceiveOriginalDestination, which turns on {@code sockopt.tproxy} "redirect" when it is off and
     * IP_RECVORIGDSTADDR on the UDP socket.
     */
    default boolean receivesOriginalDestination() {
        return false;
    }
}
