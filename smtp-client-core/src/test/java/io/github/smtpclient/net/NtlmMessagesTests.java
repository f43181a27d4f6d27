package io.github.smtpclient.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** NTLM against the worked example of MS-NLMP section 4.2.4 (NTLMv2) and RFC 1320's MD4 test suite. */
class NtlmMessagesTests {

    private static final HexFormat HEX = HexFormat.of();
    /** FILETIME 0, the time in MS-NLMP's example. */
    private static final Instant FILETIME_ZERO = Instant.ofEpochSecond(-11_644_473_600L);

    @Test
    void md4MatchesRfc1320() {
        assertThat(md4("")).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(md4("a")).isEqualTo("bde52cb31de33e46245e05fbdbd6fb24");
        assertThat(md4("abc")).isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
        assertThat(md4("message digest")).isEqualTo("d9130a8164549fe818874806e1c7014b");
        assertThat(md4("abcdefghijklmnopqrstuvwxyz")).isEqualTo("d79e1c308aa5bbcdeea8ed63df412da9");
        assertThat(md4("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))
                .isEqualTo("043f8582f241db351ce627e153e7f0e4");
        assertThat(md4("1234567890".repeat(8))).isEqualTo("e33b4ddc9c38f2199c3e7b164fcc0536");
    }

    @Test
    void ntowfV2MatchesTheSpecificationsExample() {
        assertThat(HEX.formatHex(NtlmMessages.ntowfV2("Password", "User", "Domain")))
                .isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
    }

    @Test
    void theAuthenticateMessageCarriesTheSpecificationsNtlmV2AndLmV2Responses() {
        byte[] targetInfo = HEX.parseHex("02000c0044006f006d00610069006e00" + "01000c00530065007200760065007200"
                + "00000000");
        NtlmMessages.Challenge challenge = new NtlmMessages.Challenge(NtlmMessages.NEGOTIATE_UNICODE
                | NtlmMessages.NEGOTIATE_NTLM | NtlmMessages.NEGOTIATE_TARGET_INFO, HEX.parseHex("0123456789abcdef"),
                targetInfo);

        byte[] message = NtlmMessages.authenticate(challenge, "User", "Domain", "Password", "COMPUTER",
                HEX.parseHex("aaaaaaaaaaaaaaaa"), FILETIME_ZERO);

        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOf(message, 8)).isEqualTo("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(in.getInt(8)).isEqualTo(3);
        assertThat(HEX.formatHex(field(message, 12))).isEqualTo("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
        byte[] nt = field(message, 20);
        assertThat(HEX.formatHex(Arrays.copyOf(nt, 16))).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        assertThat(HEX.formatHex(Arrays.copyOfRange(nt, 16, nt.length))).isEqualTo("0101000000000000"
                + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000" + HEX.formatHex(targetInfo) + "00000000");
        assertThat(new String(field(message, 28), StandardCharsets.UTF_16LE)).isEqualTo("Domain");
        assertThat(new String(field(message, 36), StandardCharsets.UTF_16LE)).isEqualTo("User");
        assertThat(new String(field(message, 44), StandardCharsets.UTF_16LE)).isEqualTo("COMPUTER");
        assertThat(in.getInt(60) & NtlmMessages.NEGOTIATE_UNICODE).isNotZero();
    }

    @Test
    void squidsFakeChallengeWithItsBrokenTargetNameOffsetIsRead() {
        // ntlm_fake_auth's CHALLENGE: "WORKGROUP" (9 bytes) at offset 40, but the buffer says offset 0xAAAAAAAE;
        // flags 0x00088206 (OEM, no target info); 49 bytes in all.
        ByteBuffer fake = ByteBuffer.allocate(49).order(ByteOrder.LITTLE_ENDIAN)
                .put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2)
                .putShort((short) 9).putShort((short) 9).putInt(0xAAAAAAAE)
                .putInt(0x00088206).put(HEX.parseHex("1122334455667788")).putLong(0)
                .put("WORKGROUP".getBytes(StandardCharsets.US_ASCII));

        NtlmMessages.Challenge challenge = NtlmMessages.parseChallenge(fake.array());

        assertThat(HEX.formatHex(challenge.serverChallenge())).isEqualTo("1122334455667788");
        assertThat(challenge.targetInfo()).isEmpty();
        assertThat(challenge.unicode()).isFalse();
        byte[] answer = NtlmMessages.authenticate(challenge, "bob", "DOM", "x", "", new byte[8], Instant.now());
        assertThat(new String(field(answer, 36), StandardCharsets.US_ASCII)).as("OEM strings, as the proxy asked")
                .isEqualTo("bob");
    }

    @Test
    void aTargetInfoBufferPointingOutsideTheMessageIsIgnored() {
        ByteBuffer broken = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN)
                .put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2).putLong(0)
                .putInt(NtlmMessages.NEGOTIATE_TARGET_INFO).putLong(0).putLong(0)
                .putShort((short) 400).putShort((short) 400).putInt(-8);

        assertThat(NtlmMessages.parseChallenge(broken.array()).targetInfo()).isEmpty();
    }

    @Test
    void somethingElseIsNotAChallenge() {
        assertThatIllegalArgumentException().isThrownBy(() -> NtlmMessages.parseChallenge(new byte[12]));
        assertThatIllegalArgumentException().isThrownBy(() -> NtlmMessages.parseChallenge(NtlmMessages.negotiate()))
                .withMessageContaining("type 1");
    }

    private static byte[] field(byte[] message, int at) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = in.getShort(at) & 0xFFFF;
        int offset = in.getInt(at + 4);
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    private static String md4(String text) {
        return HEX.formatHex(Md4.digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
