package io.github.smtpclient.boot.autoconfigure;



/**
 * The {@code smtp.client.events.*} properties: which client events are published as Spring
 * ApplicationEvents.
 */
public class SmtpEventsProperties {

    /** Whether client events are published as ApplicationEvents at all. */
    private boolean enabled = true;

    /** Whether an event is published for every command sent (chatty). */
    private boolean command = true;

    /** Whether an event is published for every reply received (chatty). */
    private boolean commandReply = true;

    /** Whether an event is published for every buffer of message data written (very chatty; carries message content). */
    private boolean commandData;

    /** Whether an event is published as message data is written (chatty). */
    private boolean progress = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isCommand() {
        return command;
    }

    public void setCommand(boolean command) {
        this.command = command;
    }

    public boolean isCommandReply() {
        return commandReply;
    }

    public void setCommandReply(boolean commandReply) {
        this.commandReply = commandReply;
    }

    public boolean isCommandData() {
        return commandData;
    }

    public void setCommandData(boolean commandData) {
        this.commandData = commandData;
    }

    public boolean isProgress() {
        return progress;
    }

    public void setProgress(boolean progress) {
        this.progress = progress;
    }
}
