package io.github.smtpclient.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The test bed of {@code scripts/testbed/start.sh} in a Debian 12 container built from
 * {@code scripts/testbed/Dockerfile}, for machines with Docker where the script cannot run directly. The Maildirs
 * live in a host directory bind-mounted into the container, so {@link #testbed()} is an ordinary
 * {@link PostfixTestbed} whose ports are the mapped ones.
 */
final class PostfixContainer extends GenericContainer<PostfixContainer> {

    static final int STARTTLS_PORT = 10587;
    static final int IMPLICIT_TLS_PORT = 10465;
    static final int PLAIN_PORT = 10025;

    private static final String CONTAINER_WORKDIR = "/tmp/smtp-client-testbed";
    private static final String CONTAINER_MAILDIR_ROOT = "/srv/testbed-maildir";
    /** Relative to the module directory, where Maven runs the tests. */
    private static final Path SCRIPTS = Path.of("..", "scripts", "testbed");

    private final Path hostDirectory;

    /**
     * @param hostDirectory an empty directory for the Maildirs and the files {@link #testbed()} writes
     */
    PostfixContainer(Path hostDirectory) throws IOException {
        super(new ImageFromDockerfile("smtp-client-testbed", false).withFileFromPath(".", SCRIPTS.toAbsolutePath().normalize()));
        this.hostDirectory = hostDirectory;
        Path maildirRoot = Files.createDirectories(hostDirectory.resolve("maildir"));
        withExposedPorts(STARTTLS_PORT, IMPLICIT_TLS_PORT, PLAIN_PORT);
        withFileSystemBind(maildirRoot.toString(), CONTAINER_MAILDIR_ROOT, BindMode.READ_WRITE);
        withEnv("SMTP_TESTBED_MAILDIR_ROOT", CONTAINER_MAILDIR_ROOT);
        // start.sh gives the Maildirs to SUDO_UID when set, so a non-root host user can read what virtual(8) delivers
        // (as 0600 files). virtual(8) refuses to deliver as root, and root reads everything anyway.
        int hostUid = (Integer) Files.getAttribute(hostDirectory, "unix:uid");
        if (hostUid != 0) {
            withEnv("SUDO_UID", String.valueOf(hostUid));
            withEnv("SUDO_GID", String.valueOf(Files.getAttribute(hostDirectory, "unix:gid")));
        }
        waitingFor(Wait.forLogMessage(".*testbed: running.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    }

    /**
     * The running container as a {@link PostfixTestbed}: its {@code testbed.env} and CA copied to the host, with the
     * mapped host and ports and the host side of the Maildir mount.
     */
    PostfixTestbed testbed() throws IOException {
        Path envFile = hostDirectory.resolve("testbed.env");
        copyFileFromContainer(CONTAINER_WORKDIR + "/testbed.env", envFile.toString());
        Path caFile = hostDirectory.resolve("ca.pem");
        copyFileFromContainer(CONTAINER_WORKDIR + "/tls/ca.pem", caFile.toString());
        // A later line wins in PostfixTestbed.load, so appending overrides the container's own view.
        Files.write(envFile, List.of(
                "SMTP_TESTBED_HOST=" + getHost(),
                "SMTP_TESTBED_ADDRESS=" + getHost(),
                "SMTP_TESTBED_STARTTLS_PORT=" + getMappedPort(STARTTLS_PORT),
                "SMTP_TESTBED_IMPLICIT_TLS_PORT=" + getMappedPort(IMPLICIT_TLS_PORT),
                "SMTP_TESTBED_PLAIN_PORT=" + getMappedPort(PLAIN_PORT),
                "SMTP_TESTBED_CA_CERT=" + caFile,
                "SMTP_TESTBED_MAILDIR_ROOT=" + hostDirectory.resolve("maildir"),
                "SMTP_TESTBED_POSTFIX_LOG=" + hostDirectory.resolve("postfix.log (inside the container: docker logs)")),
                StandardOpenOption.APPEND);
        return PostfixTestbed.load(envFile);
    }
}
