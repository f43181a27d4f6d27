/**
 * An application module as a user writes one: it requires the client's module and sees only what that exports.
 */
module io.github.smtpclient.modulepath {
    requires io.github.smtpclient;
}
