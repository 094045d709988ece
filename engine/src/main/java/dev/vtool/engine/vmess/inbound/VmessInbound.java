package dev.vtool.engine.vmess.inbound;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.vmess.body.BodyCiphers;
import dev.vtool.engine.vmess.encoding.KeyedUser;
import dev.vtool.engine.vmess.encoding.UserValidator;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import dev.vtool.schema.model.InboundConfig;
import dev.vtool.schema.protocol.vmess.VmessInboundSettings;
import dev.vtool.schema.text.V2rayMessages;
import io.netty.channel.Channel;

/**
 * The vmess inbound: every user can authenticate with the AEAD header; users with alterId > 0 also
 * with the legacy one. One validator and session history per inbound, shared by its connections.
 */
public final class VmessInbound implements InboundHandler, dev.vtool.engine.UserManager {
    static final String PKG = "proxy/vmess/inbound";

    private final EngineContext context;
    private final UserValidator validator = new UserValidator();
    private final SessionHistory history = new SessionHistory();
    private final boolean disableInsecureEncryption;
    private final RejectionLogLimiter rejectionLog = new RejectionLogLimiter();

    private VmessInbound(VmessInboundSettings settings, EngineContext context) throws EngineException {
        this.context = context;
        this.disableInsecureEncryption = settings.disableInsecureEncryption();
        long now = System.currentTimeMillis() / 1000;
        for (dev.vtool.schema.model.VmessUser u : settings.clients()) {
            try {
                validator.add(KeyedUser.of(u), now);
            } catch (IllegalArgumentException e) {
                throw new EngineException(V2rayMessages.causedBy(V2rayMessages.FAILED_TO_GET_VMESS_USER,
                        V2rayMessages.failedToParseId(e.getMessage())));
            }
        }
    }

    public static InboundHandler create(InboundConfig config, EngineContext context) throws EngineException {
        BodyCiphers.report(context.log(), PKG);
        return new VmessInbound((VmessInboundSettings) config.settings(), context);
    }

    @Override
    public void initConnection(Channel channel, Session session) {
        channel.pipeline().addLast("vmess-server", new VmessServerHandler(this, session));
    }

    @Override
    public boolean remoteFacing() {
        return true;
    }

    /** The API's AddUserOperation, with 4.34's checks and words. */
    @Override
    public synchronized void addUser(Object account) throws EngineException {
        if (!(account instanceof dev.vtool.schema.model.VmessUser u)) {
            throw new EngineException("the vmess inbound takes only vmess accounts");
        }
        if (!u.email().isEmpty() && validator.hasEmail(u.email())) {
            throw new EngineException("User " + u.email() + " already exists.");
        }
        try {
            validator.add(KeyedUser.of(u), System.currentTimeMillis() / 1000);
        } catch (IllegalArgumentException e) {
            throw new EngineException(V2rayMessages.causedBy(V2rayMessages.FAILED_TO_GET_VMESS_USER,
                    V2rayMessages.failedToParseId(e.getMessage())));
        }
    }

    @Override
    public synchronized void removeUser(String email) throws EngineException {
        if (email == null || email.isEmpty()) {
            throw new EngineException("Email must not be empty.");
        }
        if (!validator.remove(email)) {
            throw new EngineException("User " + email + " not found.");
        }
    }

    RejectionLogLimiter rejectionLog() {
        return rejectionLog;
    }

    EngineContext context() {
        return context;
    }

    UserValidator validator() {
        return validator;
    }

    SessionHistory history() {
        return history;
    }

    boolean disableInsecureEncryption() {
        return disableInsecureEncryption;
    }
}
