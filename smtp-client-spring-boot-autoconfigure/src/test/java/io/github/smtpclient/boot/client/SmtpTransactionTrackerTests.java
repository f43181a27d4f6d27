package io.github.smtpclient.boot.client;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.github.smtpclient.RecipientResult;
import io.github.smtpclient.Reply;
import io.github.smtpclient.SendResult;
import io.github.smtpclient.SmtpErrorCode;
import io.github.smtpclient.SmtpException;
import io.github.smtpclient.event.CommandDataEvent;
import io.github.smtpclient.event.CommandEvent;
import io.github.smtpclient.event.CommandReplyEvent;
import io.github.smtpclient.event.ErrorEvent;
import io.github.smtpclient.event.NotificationEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpTransactionTrackerTests {

    private final List<String> outcomes = new ArrayList<>();

    private final SmtpTransactionTracker tracker = new SmtpTransactionTracker(List.of(sender -> new SmtpTransactionObserver.Transaction() {
        @Override
        public void succeeded(SendResult result) {
            outcomes.add("sent from " + sender + " to " + result.acceptedRecipients().stream()
                    .map(RecipientResult::address).toList() + " refused " + result.rejectedRecipients().stream()
                    .map(RecipientResult::address).toList() + " " + result.bytesSent() + " bytes, " + result.finalReply().code());
        }

        @Override
        public void failed(SmtpException failure, List<RecipientResult> recipients, long bytesSent) {
            outcomes.add("failed from " + sender + ": " + failure.errorCode() + " after " + recipients.size()
                    + " recipient(s)");
        }
    }));

    @Test
    void aTransactionEndingWithAPositiveReplyToTheFinalDotSucceeds() {
        command("MAIL FROM:<a@x.test> SIZE=20");
        command("RCPT TO:<b@y.test> NOTIFY=NEVER");
        command("RCPT TO:<nobody@y.test>");
        command("DATA");
        reply("MAIL FROM:<a@x.test> SIZE=20", 250);
        reply("RCPT TO:<b@y.test> NOTIFY=NEVER", 250);
        reply("RCPT TO:<nobody@y.test>", 550);
        reply("DATA", 354);
        data(12);
        data(8);
        command(".");
        reply(".", 250);

        assertThat(outcomes).containsExactly("sent from a@x.test to [b@y.test] refused [nobody@y.test] 20 bytes, 250");
    }

    @Test
    void aTransactionEndingWithTheLastBdatChunkSucceeds() {
        command("MAIL FROM:<> BODY=BINARYMIME");
        command("RCPT TO:<b@y.test>");
        command("BDAT 5");
        data(5);
        command("BDAT 3 LAST");
        data(3);
        reply("MAIL FROM:<> BODY=BINARYMIME", 250);
        reply("RCPT TO:<b@y.test>", 250);
        reply("BDAT 5", 250);
        reply("BDAT 3 LAST", 250);

        assertThat(outcomes).containsExactly("sent from  to [b@y.test] refused [] 8 bytes, 250");
    }

    @Test
    void aRefusedSenderFailsWithTheErrorTheClientReports() {
        command("MAIL FROM:<a@x.test>");
        command("RCPT TO:<b@y.test>");
        command("DATA");
        reply("MAIL FROM:<a@x.test>", 550);
        reply("RCPT TO:<b@y.test>", 503);
        reply("DATA", 503);
        assertThat(outcomes).isEmpty();

        error(SmtpErrorCode.SENDER_REJECTED);

        assertThat(outcomes).containsExactly("failed from a@x.test: SENDER_REJECTED after 1 recipient(s)");
    }

    @Test
    void inAPipelinedBatchTheErrorGoesToTheRefusedTransactionAndTheOtherSucceeds() {
        command("MAIL FROM:<first@x.test>");
        command("RCPT TO:<b@y.test>");
        command("DATA");
        reply("MAIL FROM:<first@x.test>", 250);
        reply("RCPT TO:<b@y.test>", 250);
        reply("DATA", 354);
        command(".");
        command("MAIL FROM:<second@x.test>");
        command("RCPT TO:<c@y.test>");
        command("DATA");
        reply(".", 554);
        reply("MAIL FROM:<second@x.test>", 250);
        reply("RCPT TO:<c@y.test>", 250);
        reply("DATA", 354);
        command(".");
        reply(".", 250);
        error(SmtpErrorCode.MESSAGE_REJECTED);

        assertThat(outcomes).containsExactly("sent from second@x.test to [c@y.test] refused [] 0 bytes, 250",
                "failed from first@x.test: MESSAGE_REJECTED after 1 recipient(s)");
    }

    @Test
    void aConnectionLostDuringTheDataFailsTheOpenTransaction() {
        command("MAIL FROM:<a@x.test>");
        command("RCPT TO:<b@y.test>");
        command("DATA");
        reply("MAIL FROM:<a@x.test>", 250);
        reply("RCPT TO:<b@y.test>", 250);
        reply("DATA", 354);
        data(100);
        error(SmtpErrorCode.CONNECTION_CLOSED);

        assertThat(outcomes).containsExactly("failed from a@x.test: CONNECTION_CLOSED after 1 recipient(s)");
    }

    @Test
    void aDisconnectEndsTransactionsNoErrorEnded() {
        command("MAIL FROM:<a@x.test>");
        tracker.notification(new NotificationEvent(NotificationEvent.Kind.DISCONNECTED, "Disconnected"));

        assertThat(outcomes).containsExactly("failed from a@x.test: CONNECTION_CLOSED after 0 recipient(s)");
    }

    @Test
    void errorsOutsideATransactionAreNotTransactions() {
        error(SmtpErrorCode.CONNECT_FAILED);
        command("NOOP");
        reply("NOOP", 250);

        assertThat(outcomes).isEmpty();
    }

    private void command(String line) {
        tracker.command(new CommandEvent(line));
    }

    private void reply(String command, int code) {
        tracker.commandReply(new CommandReplyEvent(command, Reply.of(code, "text")));
    }

    private void data(int bytes) {
        tracker.commandData(new CommandDataEvent(ByteBuffer.allocate(bytes)));
    }

    private void error(SmtpErrorCode code) {
        tracker.error(new ErrorEvent(new SmtpException(code, "failed")));
    }
}
