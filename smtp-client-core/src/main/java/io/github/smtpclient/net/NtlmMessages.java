package io.github.smtpclient.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three NTLM messages (MS-NLMP section 2.2.1) with NTLMv2 responses (section 3.3.2). No I/O. The CHALLENGE
 * message is read defensively: a security buffer that points outside the message is treated as empty (squid's
 * {@code ntlm_fake_auth}, for one, sends a target name offset of 0xAAAAAAAE).
 */
final class NtlmMessages {

    static final int NEGOTIATE_UNICODE = 0x00000001;
    static final int NEGOTIATE_OEM = 0x00000002;
    static final int REQUEST_TARGET = 0x00000004;
    static final int NEGOTIATE_NTLM = 0x00000200;
    static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int NEGOTIATE_56 = 0x80000000;

    /** The flags this client asks for: Unicode or OEM strings, NTLM with extended session security. */
    static final int CLIENT_FLAGS = NEGOTIATE_UNICODE | NEGOTIATE_OEM | REQUEST_TARGET | NEGOTIATE_NTLM
            | NEGOTIATE_ALWAYS_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_128 | NEGOTIATE_56;

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int AV_EOL = 0;
    private static final int AV_TIMESTAMP = 7;
    /** 100 ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116444736000000000L;

    private NtlmMessages() {
    }

    /** The NEGOTIATE_MESSAGE: flags only, no domain or workstation. */
    static byte[] negotiate() {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).put(SIGNATURE).putInt(1).putInt(CLIENT_FLAGS)
                .putLong(0).putLong(0).array();
    }

    /** A parsed CHALLENGE_MESSAGE; never compared or hashed, so its arrays need no content equality. */
    @SuppressWarnings("ArrayRecordComponent")
    record Challenge(int flags, byte[] serverChallenge, byte[] targetInfo) {

        boolean unicode() {
            return (flags & NEGOTIATE_UNICODE) != 0;
        }

        /** The server's timestamp from the target info (MsvAvTimestamp), or -1 when it sent none. */
        long timestamp() {
            ByteBuffer pairs = ByteBuffer.wrap(targetInfo).order(ByteOrder.LITTLE_ENDIAN);
            while (pairs.remaining() >= 4) {
                int id = pairs.getShort() & 0xFFFF;
                int length = pairs.getShort() & 0xFFFF;
                if (id == AV_EOL || length > pairs.remaining()) {
                    return -1;
                }
                if (id == AV_TIMESTAMP && length == 8) {
                    return pairs.getLong();
                }
                pairs.position(pairs.position() + length);
            }
            return -1;
        }
    }

    /**
     * Reads a CHALLENGE_MESSAGE.
     *
     * @throws IllegalArgumentException if it is not one (too short, wrong signature or type)
     */
    static Challenge parseChallenge(byte[] message) {
        if (message.length < 32 || !Arrays.equals(message, 0, 8, SIGNATURE, 0, 8)) {
            throw new IllegalArgumentException("not an NTLM message (" + message.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(8) != 2) {
            throw new IllegalArgumentException("NTLM message type " + in.getInt(8) + " where the CHALLENGE (2) was"
                    + " expected");
        }
        int flags = in.getInt(20);
        byte[] serverChallenge = Arrays.copyOfRange(message, 24, 32);
        byte[] targetInfo = (flags & NEGOTIATE_TARGET_INFO) != 0 && message.length >= 48
                ? securityBuffer(message, in, 40) : new byte[0];
        return new Challenge(flags, serverChallenge, targetInfo);
    }

    /** The bytes a security buffer at {@code at} points to, or none when it points outside the message. */
    private static byte[] securityBuffer(byte[] message, ByteBuffer in, int at) {
        int length = in.getShort(at) & 0xFFFF;
        long offset = in.getInt(at + 4) & 0xFFFFFFFFL;
        if (offset < at + 8 || offset + length > message.length) {
            return new byte[0];
        }
        return Arrays.copyOfRange(message, (int) offset, (int) offset + length);
    }

    /**
     * The AUTHENTICATE_MESSAGE answering {@code challenge} with NTLMv2 and LMv2 responses.
     *
     * @param clientChallenge 8 random bytes
     * @param now             the client's time, used when the server sent no timestamp
     */
    static byte[] authenticate(Challenge challenge, String user, String domain, String password, String workstation,
            byte[] clientChallenge, Instant now) {
        byte[] ntowf = ntowfV2(password, user, domain);
        long timestamp = challenge.timestamp();
        boolean serverTime = timestamp >= 0;
        long time = serverTime ? timestamp : now.getEpochSecond() * 10_000_000L + now.getNano() / 100
                + FILETIME_EPOCH_OFFSET;
        byte[] temp = ByteBuffer.allocate(28 + challenge.targetInfo().length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).put((byte) 1).put(new byte[6]).putLong(time).put(clientChallenge).putInt(0)
                .put(challenge.targetInfo()).putInt(0).array();
        byte[] ntProof = hmacMd5(ntowf, concat(challenge.serverChallenge(), temp));
        byte[] nt = concat(ntProof, temp);
        // With a server timestamp the LMv2 response is 24 zero bytes (MS-NLMP 3.1.5.1.2).
        byte[] lm = serverTime ? new byte[24]
                : concat(hmacMd5(ntowf, concat(challenge.serverChallenge(), clientChallenge)), clientChallenge);
        Charset strings = challenge.unicode() ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII;
        byte[] domainBytes = domain.getBytes(strings);
        byte[] userBytes = user.getBytes(strings);
        byte[] workstationBytes = workstation.getBytes(strings);
        int flags = (challenge.flags() & CLIENT_FLAGS) | NEGOTIATE_NTLM
                | (challenge.unicode() ? NEGOTIATE_UNICODE : NEGOTIATE_OEM);
        flags &= challenge.unicode() ? ~NEGOTIATE_OEM : ~NEGOTIATE_UNICODE;
        int offset = 64;
        ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).put(SIGNATURE).putInt(3);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] field : new byte[][] {lm, nt, domainBytes, userBytes, workstationBytes, new byte[0]}) {
            head.putShort((short) field.length).putShort((short) field.length).putInt(offset + payload.size());
            payload.writeBytes(field);
        }
        head.putInt(flags);
        return concat(head.array(), payload.toByteArray());
    }

    /** NTOWFv2 (MS-NLMP 3.3.2): HMAC-MD5 keyed with MD4 of the password, over the upper-case user and the domain. */
    static byte[] ntowfV2(String password, String user, String domain) {
        byte[] ntHash = Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no HmacMD5, which every Java SE platform must", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
