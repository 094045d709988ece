package dev.vtool.engine.reverse;

import dev.vtool.engine.Destination;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.mux.MuxCarrier;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.function.Consumer;

/**
 * One link from a bridge to its portal: a Mux.cool carrier this side serves. It stays in the bridge's
 * pool while the carrier is open and the portal's last control message said ACTIVE (the state before any
 * message, too); a DRAIN takes it out, while the sessions already on it go on until the portal closes it.
 */
final class BridgeWorker {
    private final EngineLog log;
    private final int logId;
    private MuxCarrier carrier;
    private int state = ReverseControl.ACTIVE;

    BridgeWorker(EngineLog log, int logId) {
        this.log = log;
        this.logId = logId;
    }

    void carrier(MuxCarrier c) {
        this.carrier = c;
    }

    /** For the carrier: the control stream is served here, everything else is dispatched. */
    Consumer<ByteBuf> claim(Destination target) {
        return ReverseControl.isInternal(target) ? this::control : null;
    }

    /** One control message; a malformed one is logged and skipped, as 4.34 does. */
    private void control(ByteBuf message) {
        try {
            state = ReverseControl.decodeState(message);
        } catch (IllegalArgumentException e) {
            log.info(logId, "app/reverse", "failed to parse proto message > " + e.getMessage() + " ("
                    + ByteBufUtil.hexDump(message, 0, Math.min(16, message.writerIndex())) + ")");
        } finally {
            message.release();
        }
    }

    boolean isActive() {
        return state == ReverseControl.ACTIVE && !carrier.isClosed();
    }

    int connections() {
        return carrier.activeSessions();
    }

    void close() {
        carrier.close();
    }
}
