package dev.vtool.engine.mux;

import dev.vtool.engine.log.EngineLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One carrier connection, either side: routes decoded frames to its sessions, writes theirs, and applies
 * back-pressure both ways (a session whose endpoint is full stops the carrier's reads; a full carrier
 * pauses every session's endpoint). Frame errors and unknown statuses end the whole carrier, as in 4.34.
 * Until the carrier is connected (client side) frames are queued.
 */
abstract class MuxConnection extends ChannelInboundHandlerAdapter {
    /** Frames queued before the carrier connects; past this the sessions' endpoints pause. */
    private static final int QUEUE_LIMIT = 256 * 1024;
    protected final EventLoop loop;
    protected final EngineLog log;
    protected final int logId;
    protected Channel carrier;
    final Map<Integer, MuxSession> sessions = new HashMap<>();
    private final Set<MuxSession> blocking = new HashSet<>();
    private final Set<MuxSession> touched = new LinkedHashSet<>();
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private int queuedBytes;
    private boolean inputDone;
    /** Volatile, like {@link #liveSessions}: a reverse portal's picker reads them from other loops. */
    private volatile boolean closed;
    private volatile int liveSessions;
    /** Frames moved since the idle check last looked. */
    private boolean active = true;

    MuxConnection(EventLoop loop, EngineLog log, int logId) {
        this.loop = loop;
        this.log = log;
        this.logId = logId;
    }

    /** Status New from the peer. */
    abstract void opened(MuxFrame frame);

    /** Called once when the carrier is gone. */
    void closed() {
    }

    ByteBufAllocator alloc() {
        return carrier != null ? carrier.alloc() : ByteBufAllocator.DEFAULT;
    }

    boolean isClosed() {
        return closed;
    }

    boolean inputDone() {
        return inputDone;
    }

    /** Attaches the decoder and this handler to a carrier that reads and writes plain payload. */
    void connect(Channel ch) {
        carrier = ch;
        ch.pipeline().addLast("mux-frames", new MuxFrameDecoder());
        ch.pipeline().addLast("mux", this);
        ch.closeFuture().addListener(f -> abortAll());
        while (!queued.isEmpty()) {
            ch.write(queued.poll(), ch.voidPromise());
        }
        queuedBytes = 0;
        ch.flush();
        if (closed) {
            ch.close();
            return;
        }
        resumeSessions();
    }

    /** Writes a frame (ownership taken); {@link #flush()} sends it. */
    void send(ByteBuf frame) {
        active = true;
        if (closed) {
            frame.release();
        } else if (carrier == null) {
            queuedBytes += frame.readableBytes();
            queued.add(frame);
        } else {
            carrier.write(frame, carrier.voidPromise());
        }
    }

    void flush() {
        if (carrier != null) {
            carrier.flush();
        }
    }

    /** Whether sessions may keep writing (else they pause until {@link MuxSession#carrierWritable}). */
    boolean writable() {
        return !closed && (carrier == null ? queuedBytes < QUEUE_LIMIT : carrier.isWritable());
    }

    /** A session's endpoint cannot take more (or can again): the carrier's reads follow. */
    void block(MuxSession s, boolean blocked) {
        boolean changed = blocked ? blocking.add(s) : blocking.remove(s);
        if (changed && carrier != null) {
            carrier.config().setAutoRead(blocking.isEmpty());
        }
    }

    void add(MuxSession s) {
        sessions.put(s.id(), s);
        liveSessions = sessions.size();
    }

    /** How many sessions are open; readable from any thread. */
    int liveSessions() {
        return liveSessions;
    }

    /** A session finished; a carrier whose input ended closes with its last session. */
    void remove(MuxSession s) {
        if (sessions.get(s.id()) == s) {
            sessions.remove(s.id());
            liveSessions = sessions.size();
        }
        block(s, false);
        touched.remove(s);
        if (inputDone && sessions.isEmpty()) {
            close();
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            if (carrier != null) {
                carrier.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            } else {
                abortAll();
            }
        }
    }

    /** True, and the mark cleared, when frames moved since the last call. */
    boolean takeActivity() {
        boolean was = active;
        active = false;
        return was;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MuxFrame f)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        active = true;
        try {
            switch (f.status()) {
                case MuxFrame.NEW -> {
                    opened(f);
                    return; // opened() owns the data
                }
                case MuxFrame.KEEP -> keep(f);
                case MuxFrame.END -> {
                    MuxSession s = sessions.get(f.id());
                    if (s != null) {
                        s.remoteEnded(f.error());
                    }
                }
                case MuxFrame.KEEP_ALIVE -> {
                    // carries nothing; its data is discarded
                }
                default -> {
                    fail("unknown status: " + f.status());
                }
            }
        } finally {
            if (f.status() != MuxFrame.NEW && f.data() != null && f.data().refCnt() > 0) {
                f.data().release();
            }
        }
    }

    private void keep(MuxFrame f) {
        if (f.data() == null) {
            return;
        }
        MuxSession s = sessions.get(f.id());
        if (s == null) {
            // tell the peer to close this session
            send(MuxFrames.end(alloc(), f.id(), false));
            flush();
            return;
        }
        deliver(s, f.data().retain());
    }

    /** Hands a frame's data to its session (ownership passed); oversize datagrams end the carrier. */
    void deliver(MuxSession s, ByteBuf data) {
        if (s.packets() && data.readableBytes() > MuxFrame.MAX_DATAGRAM) {
            data.release();
            fail("packet size too large: " + data.readableBytes());
            return;
        }
        touched.add(s);
        s.received(data);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!touched.isEmpty()) {
            List<MuxSession> now = new ArrayList<>(touched);
            touched.clear();
            now.forEach(MuxSession::flushReceived);
        }
        flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // the peer sends no more frames: every session's uplink ends; the carrier closes with the last
            inputDone = true;
            new ArrayList<>(sessions.values()).forEach(s -> s.remoteEnded(false));
            if (sessions.isEmpty()) {
                close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resumeSessions();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void resumeSessions() {
        new ArrayList<>(sessions.values()).forEach(MuxSession::carrierWritable);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abortAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof MuxException) {
            fail(c.getMessage());
        } else {
            log.info(logId, "common/mux", "carrier ends > " + c.getMessage());
            closeNow();
        }
    }

    /** A protocol error: 4.34 tears down every session of the carrier. */
    void fail(String why) {
        log.info(logId, "common/mux", "failed to process data > " + why);
        closeNow();
    }

    private void closeNow() {
        closed = true;
        if (carrier != null) {
            carrier.config().setAutoRead(false);
            carrier.close();
        }
        abortAll();
    }

    private void abortAll() {
        closed = true;
        while (!queued.isEmpty()) {
            queued.poll().release();
        }
        queuedBytes = 0;
        if (!sessions.isEmpty()) {
            List<MuxSession> all = new ArrayList<>(sessions.values());
            sessions.clear();
            liveSessions = 0;
            all.forEach(MuxSession::abort);
        }
        blocking.clear();
        touched.clear();
        if (!finished) {
            finished = true;
            closed();
        }
    }

    private boolean finished;
}
