package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.Digests;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.RequestOptions;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AeadResponseHeader;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.SealedRequestHeader;
import dev.vtool.engine.vmess.body.BodyCodecs;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.body.BodyEncoder;
import dev.vtool.engine.vmess.legacy.AesCfb;
import dev.vtool.engine.vmess.legacy.LegacyAuth;
import dev.vtool.engine.vmess.legacy.LegacyHashTable;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import dev.vtool.schema.text.V2rayMessages;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Server side of one VMess connection. The request header is decoded incrementally from a
 * cumulation buffer in the order and with the failure behaviour of 4.34 (docs/spec/vmess.md 2.5, 3.6, 6.1):
 * AEAD first for every user, legacy only for users that have alternate ids. On a {@link VmessException}
 * with {@code drain()} set, the caller discards {@link #drainRemaining()} more bytes before closing.
 */
public final class ServerSession {
    private enum State { AUTH, AEAD_HEADER, LEGACY_HEADER, DONE, FAILED }

    private final UserValidator validator;
    private final SessionHistory history;
    private final long now;
    private final int drainSize;

    private State state = State.AUTH;
    private int consumed;
    private final byte[] auth = new byte[AuthId.SIZE];
    private boolean aead;
    private KeyedUser user;
    private long timestamp;
    private SealedRequestHeader.Opener opener;
    private AesCfb headerCfb;
    private final byte[] plain = new byte[RequestPlaintext.MAX_LENGTH];
    private int have;
    private boolean historyChecked;

    private RequestHeader request;
    private byte[] responseKey;
    private byte[] responseIv;
    private AesCfb responseCfb;

    public ServerSession(UserValidator validator, SessionHistory history, long nowSeconds, VmessRandom random) {
        this.validator = validator;
        this.history = history;
        this.now = nowSeconds;
        DrainBudget budget = validator.drainBudget();
        this.drainSize = budget.total(random.nextInt(budget.randMax()));
    }

    /** Bytes still to discard after a draining failure (0 when the budget is already consumed). */
    public int drainRemaining() {
        return Math.max(0, drainSize - consumed);
    }

    public int drainSize() {
        return drainSize;
    }

    /** {@code base randMax rolled}, as 4.34 prints after "DrainSize = ". */
    public String drainDescription() {
        DrainBudget b = validator.drainBudget();
        return b.base() + " " + b.randMax() + " " + (drainSize - b.total(0));
    }

    public KeyedUser user() {
        return user;
    }

    public boolean isAead() {
        return aead;
    }

    public RequestHeader request() {
        return request;
    }

    /**
     * Reads as much of the header as {@code in} holds.
     *
     * @return the request once complete, null when more bytes are needed
     */
    public RequestHeader decodeRequestHeader(ByteBuf in) throws VmessException {
        try {
            return step(in);
        } catch (VmessException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private RequestHeader step(ByteBuf in) throws VmessException {
        switch (state) {
            case AUTH:
                if (in.readableBytes() < AuthId.SIZE) {
                    return null;
                }
                in.readBytes(auth);
                consumed += AuthId.SIZE;
                authenticate();
                return step(in);
            case AEAD_HEADER: {
                int before = opener.bytesRead();
                byte[] pt;
                try {
                    pt = opener.tryOpen(in);
                } finally {
                    consumed += opener.bytesRead() - before;
                }
                if (pt == null) {
                    return null;
                }
                return finishAead(pt);
            }
            case LEGACY_HEADER:
                return continueLegacy(in);
            case DONE:
                return request;
            default:
                throw new IllegalStateException("header decoding already failed");
        }
    }

    private void authenticate() throws VmessException {
        UserValidator.AeadMatch m = validator.matchAead(auth, now);
        if (m != null) {
            aead = true;
            user = m.user();
            timestamp = m.timestamp();
            opener = new SealedRequestHeader.Opener(user.id().cmdKeyUnsafe(), auth);
            state = State.AEAD_HEADER;
            return;
        }
        LegacyHashTable.Match<KeyedUser> legacy = validator.matchLegacy(auth, now);
        user = legacy.user();
        timestamp = legacy.timestamp();
        headerCfb = AesCfb.decryptor(user.id().cmdKeyUnsafe(), LegacyAuth.headerIv(timestamp));
        state = State.LEGACY_HEADER;
    }

    private RequestHeader finishAead(byte[] pt) throws VmessException {
        if (pt.length < RequestPlaintext.FIXED_PART) {
            throw new VmessException(V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST_HEADER, "unexpected EOF"));
        }
        int length = Math.min(pt.length, plain.length);
        System.arraycopy(pt, 0, plain, 0, length);
        checkHistory();
        int padding = (plain[35] & 0xFF) >>> 4;
        int required = RequestPlaintext.FIXED_PART;
        while (true) {
            int need = RequestPlaintext.requiredLength(plain, required);
            if (need <= required) {
                break;
            }
            if (need > length) {
                // 4.34 reads address, padding and checksum from the opened bytes; report where they ran out.
                boolean finalStage = RequestPlaintext.requiredLength(plain, need) == need;
                boolean inPadding = padding > 0 && (!finalStage || length < need - 4);
                throw new VmessException(inPadding ? "failed to read padding > unexpected EOF" : "failed to read checksum > unexpected EOF");
            }
            required = need;
        }
        have = required;
        return finish();
    }

    private RequestHeader continueLegacy(ByteBuf in) throws VmessException {
        while (true) {
            int need = RequestPlaintext.requiredLength(plain, have);
            if (have >= need) {
                return finish();
            }
            int n = Math.min(need - have, in.readableBytes());
            if (n == 0) {
                return null;
            }
            in.readBytes(plain, have, n);
            headerCfb.process(plain, have, n);
            have += n;
            consumed += n;
            if (have >= RequestPlaintext.FIXED_PART && !historyChecked) {
                checkHistory();
            }
        }
    }

    private void checkHistory() throws VmessException {
        historyChecked = true;
        byte[] iv = Arrays.copyOfRange(plain, 1, 17);
        byte[] key = Arrays.copyOfRange(plain, 17, 33);
        if (!history.addIfAbsent(user.id().uuidUnsafe(), key, iv, timestamp, now)) {
            if (aead) {
                throw new VmessException("duplicated session id, possibly under replay attack, but this is a AEAD request");
            }
            validator.taint(auth);
            throw new VmessException("duplicated session id, possibly under replay attack, userHash tainted", true);
        }
    }

    /**
     * Called by the caller when the connection ended inside a legacy header after authentication:
     * 4.34 burns the user hash for truncated padding/checksum.
     */
    public void abandon() {
        if (!aead && state == State.LEGACY_HEADER && historyChecked) {
            validator.taint(auth);
        }
        state = State.FAILED;
    }

    private RequestHeader finish() throws VmessException {
        if (!RequestPlaintext.checksumOk(plain, have)) {
            if (aead) {
                throw new VmessException("invalid auth, but this is a AEAD request");
            }
            validator.taint(auth);
            throw new VmessException("invalid auth, legacy userHash tainted", true);
        }
        String[] addressError = new String[1];
        RequestTarget target = RequestPlaintext.parseTarget(plain, addressError);
        if (target == null) {
            throw new VmessException("invalid remote address" + (addressError[0] == null ? "" : " > " + addressError[0]));
        }
        SecurityType security = SecurityType.fromRequestNibble(plain[35] & 0x0F);
        if (security == SecurityType.UNKNOWN || security == SecurityType.AUTO) {
            throw new VmessException(V2rayMessages.unknownSecurityType(security));
        }
        int options = plain[34] & 0xFF;
        RequestOptions.check(options);
        RequestCommand command = RequestCommand.fromWire(plain[37] & 0xFF);
        request = new RequestHeader(plain[0] & 0xFF, Arrays.copyOfRange(plain, 1, 17), Arrays.copyOfRange(plain, 17, 33),
                plain[33] & 0xFF, options, security, command, target);
        state = State.DONE;
        return request;
    }

    /** The response header bytes; fixes the response key/IV (and, for legacy, the CFB stream). */
    public byte[] encodeResponseHeader(ResponseHeader response) {
        requireRequest();
        byte[] r = response.encode(request.responseAuth());
        if (aead) {
            responseKey = Digests.sha256First16(request.bodyKey());
            responseIv = Digests.sha256First16(request.bodyIv());
            return AeadResponseHeader.seal(responseKey, responseIv, r);
        }
        responseKey = Digests.md5(request.bodyKey());
        responseIv = Digests.md5(request.bodyIv());
        responseCfb = AesCfb.encryptor(responseKey, responseIv);
        return responseCfb.process(r);
    }

    public BodyDecoder requestBodyDecoder() throws VmessException {
        requireRequest();
        return BodyCodecs.decoder(request.security(), request.options(), request.command(),
                request.bodyKey(), request.bodyIv(), null);
    }

    /** Only after {@link #encodeResponseHeader}: a legacy header's CFB stream continues into the body. */
    public BodyEncoder responseBodyEncoder() throws VmessException {
        requireRequest();
        if (responseKey == null) {
            throw new IllegalStateException("encode the response header first");
        }
        return BodyCodecs.encoder(request.security(), request.options(), request.command(),
                responseKey, responseIv, responseCfb);
    }

    private void requireRequest() {
        if (request == null) {
            throw new IllegalStateException("request header not decoded");
        }
    }
}
