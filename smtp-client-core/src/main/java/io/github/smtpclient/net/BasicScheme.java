package io.github.smtpclient.net;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Basic (RFC 7617): the user name and password, base64-encoded, in clear text; one attempt only. */
final class BasicScheme implements ProxyAuthScheme {

    private final String token;
    private boolean sent;

    BasicScheme(String user, String password) {
        this.token = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "Basic";
    }

    @Override
    public String initial() {
        sent = true;
        return token;
    }

    @Override
    public String respond(List<AuthChallenge> challenges) {
        if (sent || challenges.stream().noneMatch(c -> c.is("Basic"))) {
            return null;
        }
        sent = true;
        return token;
    }
}
