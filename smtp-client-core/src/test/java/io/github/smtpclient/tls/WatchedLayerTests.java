package io.github.smtpclient.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.smtpclient.ChannelBinding;

/**
 * The layer {@link ClientAuthRefusals} wraps around every handshake's must pass on what the engine's layer gives.
 * It once fell back to TlsLayer's default channel binding, so Bouncy Castle's tls-exporter on TLS 1.3 became
 * tls-server-end-point, and a server checking its exporter refused the exchange.
 */
class WatchedLayerTests {

    private static final ChannelBinding EXPORTER = ChannelBinding.of(ChannelBinding.TLS_EXPORTER, new byte[32]);

    @Test
    void theChannelBindingIsTheWrappedLayers() {
        TlsLayer watched = ClientAuthRefusals.watch(new ExporterLayer(), "localhost:25", new TlsSettings());

        assertThat(watched.channelBinding()).contains(EXPORTER);
    }

    @Test
    void everyMethodOfTheLayerIsPassedOnNotLeftToItsDefault() {
        Class<?> watched = ClientAuthRefusals.watch(new ExporterLayer(), "localhost:25", new TlsSettings()).getClass();
        for (Method method : TlsLayer.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            assertThat(declares(watched, method)).as(method.getName()).isTrue();
        }
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** An engine's layer that binds with the exporter; nothing else of it is used. */
    private static final class ExporterLayer implements TlsLayer {
        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public TlsConnectionInfo info() {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<ChannelBinding> channelBinding() {
            return Optional.of(EXPORTER);
        }

        @Override
        public boolean closeNotifyReceived() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
