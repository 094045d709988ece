package dev.vtool.engine.dns;

import dev.vtool.engine.Destination;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;

/** How a classic name server's queries leave: dispatched like any UDP flow, tagged with the DNS tag. */
interface PacketRoute {
    /** A flow to {@code to}, or null when routing cannot carry it (the reason is logged). */
    PacketConnection open(Destination to, PacketReceiver back);
}
