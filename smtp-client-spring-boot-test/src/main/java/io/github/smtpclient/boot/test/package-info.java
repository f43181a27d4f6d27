/**
 * Test support for applications that send mail with the smtp-client starter: {@link
 * io.github.smtpclient.boot.test.AutoConfigureTestSmtpServer} and the {@link io.github.smtpclient.boot.test.TestSmtpServer}
 * it wires into the application context.
 */
package io.github.smtpclient.boot.test;
