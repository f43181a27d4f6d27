package io.github.smtpclient.modulepath;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpClient;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.message.MailMessage;
import io.github.smtpclient.tls.TlsMode;

/**
 * Sends one message with STARTTLS and AUTH as a modular application would, then prints what the module system says
 * about the client's module, so that the test can tell the run was on the module path.
 */
public final class SendThroughModule {

    private SendThroughModule() {
    }

    /**
     * Sends one message.
     *
     * @param args host, port, PEM file of the CA to trust, user name, password, sender, recipient, subject
     * @throws IOException              when the CA file cannot be read
     * @throws GeneralSecurityException when it holds no certificate
     */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 8) {
            throw new IllegalArgumentException("usage: host port ca.pem user password from to subject");
        }
        Module module = SmtpClient.class.getModule();
        ModuleDescriptor descriptor = module.getDescriptor();
        System.out.println("module=" + module.getName());
        System.out.println("exports=" + descriptor.exports().stream().map(ModuleDescriptor.Exports::source).sorted()
                .collect(Collectors.joining(",")));

        try (SmtpClient client = new SmtpClient()) {
            client.tls().setMode(TlsMode.EXPLICIT);
            client.tls().setTrustedCertificates(List.of(readCertificate(Path.of(args[2]))));
            client.tls().setUseSystemCertificates(false);
            client.auth().setUsername(args[3]);
            client.auth().setPassword(args[4]);
            client.connect(args[0], Integer.parseInt(args[1]));
            SendResult result = client.sendMessage(MailMessage.builder().from(args[5]).to(args[6]).subject(args[7])
                    .plainText("Sent from a named module on the module path.").build());
            System.out.println("accepted=" + result.acceptedRecipients().size());
            System.out.println("secure=" + client.getConnectionInfo().map(info -> info.isSecure()).orElse(false));
        } catch (SmtpException e) {
            System.out.println("failed=" + e.errorCode() + ": " + e.getMessage());
            System.exit(2);
        }
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
