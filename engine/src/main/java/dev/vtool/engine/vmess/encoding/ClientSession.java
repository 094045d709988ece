package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.Digests;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AeadResponseHeader;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.SealedRequestHeader;
import dev.vtool.engine.vmess.body.BodyCodecs;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.body.BodyEncoder;
import dev.vtool.engine.vmess.legacy.AesCfb;
import dev.vtool.engine.vmess.legacy.LegacyAuth;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;

/**
 * Client side of one VMess connection, drawing randomness in 4.34's order (key, IV, V from one
 * 33-byte read; padding length; padding; AuthID random; nonce) so fixed sources reproduce its bytes.
 * AEAD header when the account has no alternate ids, legacy otherwise (docs/spec/vmess.md 1.3).
 */
public final class ClientSession {
    /** Legacy clients stamp {@code now + d}, d uniform in [-30, +29]. */
    public static final int LEGACY_JITTER = 30;

    private final VmessId primary;
    private final List<VmessId> alternates;
    private final boolean aead;
    private final VmessRandom random;
    private final byte[] bodyKey = new byte[16];
    private final byte[] bodyIv = new byte[16];
    private final int responseAuth;
    private final byte[] responseKey;
    private final byte[] responseIv;

    private RequestHeader request;
    private AeadResponseHeader.Opener responseOpener;
    private AesCfb responseCfb;
    private byte[] legacyPrefix;
    private boolean responseDone;

    /** 4.34's choice: AEAD exactly when the account has no alternate ids. */
    public ClientSession(VmessId primary, List<VmessId> alternates, VmessRandom random) {
        this(primary, alternates, alternates.isEmpty(), random);
    }

    /**
     * @param alternates the account's alternate ids (empty for alterId 0)
     * @param aead false forces the legacy header (4.34 with V2RAY_VMESS_AEAD_DISABLED=true)
     */
    public ClientSession(VmessId primary, List<VmessId> alternates, boolean aead, VmessRandom random) {
        this.primary = primary;
        this.alternates = List.copyOf(alternates);
        this.aead = aead;
        this.random = random;
        byte[] r = new byte[33];
        random.secureBytes(r);
        System.arraycopy(r, 0, bodyKey, 0, 16);
        System.arraycopy(r, 16, bodyIv, 0, 16);
        this.responseAuth = r[32] & 0xFF;
        if (aead) {
            responseKey = Digests.sha256First16(bodyKey);
            responseIv = Digests.sha256First16(bodyIv);
        } else {
            responseKey = Digests.md5(bodyKey);
            responseIv = Digests.md5(bodyIv);
        }
    }

    public boolean isAead() {
        return aead;
    }

    public RequestHeader request() {
        return request;
    }

    /** The whole request header as sent on the wire (AEAD sealed, or legacy hash + CFB). */
    public byte[] encodeRequestHeader(int options, SecurityType security, RequestCommand command,
                                      RequestTarget target, long nowSeconds) {
        if (security == SecurityType.AUTO || security == SecurityType.UNKNOWN) {
            throw new IllegalArgumentException("resolve the security before encoding: " + security);
        }
        long timestamp = nowSeconds;
        VmessId hashId = primary;
        if (!aead) {
            timestamp = nowSeconds + random.nextInt(2 * LEGACY_JITTER) - LEGACY_JITTER;
            if (!alternates.isEmpty()) {
                hashId = alternates.get(random.nextInt(alternates.size()));
            }
        }
        request = new RequestHeader(1, bodyIv, bodyKey, responseAuth, options, security, command,
                command == RequestCommand.MUX ? RequestTarget.MUX : target);
        byte[] padding = new byte[random.nextInt(16)];
        if (padding.length > 0) {
            random.secureBytes(padding);
        }
        byte[] plaintext = RequestPlaintext.encode(request, padding);
        if (aead) {
            byte[] authRandom = new byte[4];
            random.secureBytes(authRandom);
            byte[] authId = AuthId.create(primary.cmdKeyUnsafe(), timestamp, authRandom);
            byte[] nonce = new byte[SealedRequestHeader.NONCE_SIZE];
            random.secureBytes(nonce);
            return SealedRequestHeader.seal(primary.cmdKeyUnsafe(), authId, nonce, plaintext);
        }
        byte[] hash = LegacyAuth.userHash(hashId.uuidUnsafe(), timestamp);
        // The legacy header is always encrypted with the primary id's command key.
        AesCfb.encryptor(primary.cmdKeyUnsafe(), LegacyAuth.headerIv(timestamp)).process(plaintext);
        byte[] wire = Arrays.copyOf(hash, hash.length + plaintext.length);
        System.arraycopy(plaintext, 0, wire, hash.length, plaintext.length);
        return wire;
    }

    public BodyEncoder requestBodyEncoder() throws VmessException {
        requireRequest();
        return BodyCodecs.encoder(request.security(), request.options(), request.command(), bodyKey, bodyIv, null);
    }

    /**
     * Reads the response header incrementally.
     *
     * @return the header once complete, null when more bytes are needed
     * @throws VmessException on a seal that does not open or a wrong V byte
     */
    public ResponseHeader decodeResponseHeader(ByteBuf in) throws VmessException {
        requireRequest();
        byte[] r;
        if (aead) {
            if (responseOpener == null) {
                responseOpener = new AeadResponseHeader.Opener(responseKey, responseIv);
            }
            r = responseOpener.tryOpen(in);
            if (r == null) {
                return null;
            }
            if (r.length < 4) {
                throw new VmessException("failed to read response header > unexpected EOF");
            }
        } else {
            r = readLegacyResponse(in);
            if (r == null) {
                return null;
            }
        }
        if ((r[0] & 0xFF) != responseAuth) {
            throw new VmessException("unexpected response header. Expecting " + responseAuth + " but actually " + (r[0] & 0xFF));
        }
        SwitchAccountCommand command = null;
        int commandId = r[2] & 0xFF;
        if (commandId != 0) {
            int length = r[3] & 0xFF;
            if (r.length < 4 + length) {
                throw new VmessException("failed to read response command > unexpected EOF");
            }
            if (commandId == SwitchAccountCommand.ID) {
                try {
                    command = SwitchAccountCommand.unmarshal(Arrays.copyOfRange(r, 4, 4 + length));
                } catch (VmessException ignored) {
                    // 4.34 ignores commands it cannot verify or parse
                }
            }
        }
        responseDone = true;
        return new ResponseHeader(r[1] & 0xFF, command);
    }

    /** Legacy: 4 CFB bytes, then the command body whose length the 4th byte gives. */
    private byte[] readLegacyResponse(ByteBuf in) {
        if (responseCfb == null) {
            responseCfb = AesCfb.decryptor(responseKey, responseIv);
        }
        if (legacyPrefix == null) {
            if (in.readableBytes() < 4) {
                return null;
            }
            legacyPrefix = new byte[4];
            in.readBytes(legacyPrefix);
            responseCfb.process(legacyPrefix);
        }
        int commandLength = legacyPrefix[2] == 0 ? 0 : legacyPrefix[3] & 0xFF;
        if (in.readableBytes() < commandLength) {
            return null;
        }
        byte[] r = Arrays.copyOf(legacyPrefix, 4 + commandLength);
        in.readBytes(r, 4, commandLength);
        responseCfb.process(r, 4, commandLength);
        return r;
    }

    /** Only after the response header: a legacy header's CFB stream continues into a LEGACY body. */
    public BodyDecoder responseBodyDecoder() throws VmessException {
        requireRequest();
        if (!responseDone) {
            throw new IllegalStateException("decode the response header first");
        }
        return BodyCodecs.decoder(request.security(), request.options(), request.command(), responseKey, responseIv,
                aead ? null : responseCfb);
    }

    private void requireRequest() {
        if (request == null) {
            throw new IllegalStateException("encode the request header first");
        }
    }
}
