package io.github.smtpclient.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MD4 (RFC 1320), which NTLM needs to hash the password and the JDK's providers do not offer. Used for nothing else:
 * MD4 is broken as a general-purpose hash.
 */
final class Md4 {

    private Md4() {
    }

    static byte[] digest(byte[] message) {
        int padded = ((message.length + 8) / 64 + 1) * 64;
        ByteBuffer input = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        input.put(message).put((byte) 0x80);
        input.putLong(padded - 8, (long) message.length * 8);
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        for (int block = 0; block < padded; block += 64) {
            for (int i = 0; i < 16; i++) {
                x[i] = input.getInt(block + i * 4);
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            for (int i = 0; i < 16; i += 4) {
                a = round1(a, b, c, d, x[i], 3);
                d = round1(d, a, b, c, x[i + 1], 7);
                c = round1(c, d, a, b, x[i + 2], 11);
                b = round1(b, c, d, a, x[i + 3], 19);
            }
            for (int i = 0; i < 4; i++) {
                a = round2(a, b, c, d, x[i], 3);
                d = round2(d, a, b, c, x[i + 4], 5);
                c = round2(c, d, a, b, x[i + 8], 9);
                b = round2(b, c, d, a, x[i + 12], 13);
            }
            for (int i : new int[] {0, 2, 1, 3}) {
                a = round3(a, b, c, d, x[i], 3);
                d = round3(d, a, b, c, x[i + 8], 9);
                c = round3(c, d, a, b, x[i + 4], 11);
                b = round3(b, c, d, a, x[i + 12], 15);
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).putInt(c).putInt(d).array();
    }

    private static int round1(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (~b & d)) + x, s);
    }

    private static int round2(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x + 0x5a827999, s);
    }

    private static int round3(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + (b ^ c ^ d) + x + 0x6ed9eba1, s);
    }
}
