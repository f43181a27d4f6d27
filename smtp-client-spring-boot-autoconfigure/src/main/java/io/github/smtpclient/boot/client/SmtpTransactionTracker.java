package io.github.smtpclient.boot.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
import io.github.smtpclient.event.SmtpListener;

/**
 * Reconstructs mail transactions from one client's commands and replies and reports each to the
 * {@link SmtpTransactionObserver}s. Replies arrive in command order even when pipelined, so the reply to a MAIL
 * command belongs to the oldest transaction still waiting for one, and the RCPT, DATA and end-of-data replies
 * after it to the same transaction. A transaction ends with a positive reply to its end of data, or with the
 * error the client reports when it fails (the first transaction already refused, else the oldest open one).
 *
 * <p>One instance per client, used on that client's thread, like the client itself.
 */
public final class SmtpTransactionTracker implements SmtpListener {

    private final List<SmtpTransactionObserver> observers;
    private final Deque<OpenTransaction> open = new ArrayDeque<>();
    private final Deque<OpenTransaction> awaitingMailReply = new ArrayDeque<>();
    private OpenTransaction replying;

    public SmtpTransactionTracker(List<SmtpTransactionObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void command(CommandEvent event) {
        String line = event.line();
        if (startsWithIgnoringCase(line, "MAIL FROM:")) {
            OpenTransaction transaction = new OpenTransaction(start(addressIn(line)));
            open.addLast(transaction);
            awaitingMailReply.addLast(transaction);
        } else if (startsWithIgnoringCase(line, "RCPT TO:") && !open.isEmpty()) {
            open.peekLast().recipientAddresses.addLast(addressIn(line));
        }
    }

    @Override
    public void commandData(CommandDataEvent event) {
        if (!open.isEmpty()) {
            open.peekLast().bytesSent += event.data().remaining();
        }
    }

    @Override
    public void commandReply(CommandReplyEvent event) {
        String command = event.command();
        Reply reply = event.reply();
        if (command == null) {
            return;
        }
        if (startsWithIgnoringCase(command, "MAIL FROM:")) {
            replying = awaitingMailReply.pollFirst();
            if (replying != null && !reply.isPositive()) {
                replying.refused = true;
            }
        } else if (replying == null) {
            return;
        } else if (startsWithIgnoringCase(command, "RCPT TO:")) {
            String address = replying.recipientAddresses.pollFirst();
            replying.recipients.add(new RecipientResult(address == null ? "" : address, reply));
        } else if (isEndOfData(command)) {
            if (reply.isPositive() && !replying.refused) {
                succeed(replying, reply);
            } else {
                replying.refused = true;
            }
        } else if (reply.code() >= 400 && (command.equalsIgnoreCase("DATA") || startsWithIgnoringCase(command, "BDAT"))) {
            replying.refused = true;
        }
    }

    @Override
    public void error(ErrorEvent event) {
        Optional<OpenTransaction> refused = open.stream().filter(transaction -> transaction.refused).findFirst();
        OpenTransaction failed = refused.orElse(open.peekFirst());
        if (failed != null) {
            fail(failed, event.exception());
        }
    }

    @Override
    public void notification(NotificationEvent event) {
        if (event.kind() == NotificationEvent.Kind.DISCONNECTED) {
            while (!open.isEmpty()) {
                fail(open.peekFirst(), new SmtpException(SmtpErrorCode.CONNECTION_CLOSED,
                        "The connection closed before the server accepted the message"));
            }
        }
    }

    private List<SmtpTransactionObserver.Transaction> start(String sender) {
        List<SmtpTransactionObserver.Transaction> started = new ArrayList<>(observers.size());
        for (SmtpTransactionObserver observer : observers) {
            started.add(observer.started(sender));
        }
        return started;
    }

    private void succeed(OpenTransaction transaction, Reply finalReply) {
        finish(transaction);
        SendResult result = new SendResult(Optional.empty(), transaction.recipients, finalReply, transaction.bytesSent);
        transaction.observed.forEach(observed -> observed.succeeded(result));
    }

    private void fail(OpenTransaction transaction, SmtpException failure) {
        finish(transaction);
        List<RecipientResult> recipients = List.copyOf(transaction.recipients);
        transaction.observed.forEach(observed -> observed.failed(failure, recipients, transaction.bytesSent));
    }

    private void finish(OpenTransaction transaction) {
        open.remove(transaction);
        awaitingMailReply.remove(transaction);
        if (replying == transaction) {
            replying = null;
        }
    }

    private static boolean isEndOfData(String command) {
        return command.equals(".") || (startsWithIgnoringCase(command, "BDAT ") && command.toUpperCase(Locale.ROOT).endsWith(" LAST"));
    }

    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The path between angle brackets: {@code MAIL FROM:<a@b.test> SIZE=10} gives {@code a@b.test}. */
    private static String addressIn(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
    }

    /** A transaction from its MAIL command to its end. */
    private static final class OpenTransaction {

        final List<SmtpTransactionObserver.Transaction> observed;
        final Deque<String> recipientAddresses = new ArrayDeque<>();
        final List<RecipientResult> recipients = new ArrayList<>();
        long bytesSent;
        boolean refused;

        OpenTransaction(List<SmtpTransactionObserver.Transaction> observed) {
            this.observed = observed;
        }
    }
}
