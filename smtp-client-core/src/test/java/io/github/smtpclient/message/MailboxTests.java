package io.github.smtpclient.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxTests {

    @Test
    void bareAddressHasNoDisplayName() {
        Mailbox mailbox = Mailbox.parse("john.doe@example.com");
        assertThat(mailbox.displayName()).isEmpty();
        assertThat(mailbox.localPart()).isEqualTo("john.doe");
        assertThat(mailbox.domain()).isEqualTo("example.com");
        assertThat(mailbox.address()).isEqualTo("john.doe@example.com");
    }

    @Test
    void nameAddrKeepsDisplayName() {
        Mailbox mailbox = Mailbox.parse("John Q. Public <JQP@example.com>");
        assertThat(mailbox.displayName()).hasValue("John Q. Public");
        assertThat(mailbox.address()).isEqualTo("JQP@example.com");
    }

    @Test
    void quotedDisplayNameIsUnescaped() {
        Mailbox mailbox = Mailbox.parse("\"Doe, \\\"Johnny\\\" John\" <john@example.com>");
        assertThat(mailbox.displayName()).hasValue("Doe, \"Johnny\" John");
    }

    @Test
    void quotedLocalPartIsUnquotedAndRequotedInAddress() {
        Mailbox mailbox = Mailbox.parse("<\"john doe\"@example.com>");
        assertThat(mailbox.localPart()).isEqualTo("john doe");
        assertThat(mailbox.address()).isEqualTo("\"john doe\"@example.com");
    }

    @Test
    void needlesslyQuotedLocalPartIsNormalised() {
        assertThat(Mailbox.parse("\"john\"@example.com").address()).isEqualTo("john@example.com");
    }

    @Test
    void commentsAreIgnoredAndATrailingCommentBecomesTheName() {
        assertThat(Mailbox.parse("(boss) Pete (the great) <pete(his account)@silly.test(his host)>"))
                .isEqualTo(Mailbox.of("Pete", "pete@silly.test"));
        assertThat(Mailbox.parse("jdoe@example.com (John Doe)")).isEqualTo(Mailbox.of("John Doe", "jdoe@example.com"));
    }

    @Test
    void unicodeDisplayNameAndAddressAreAccepted() {
        Mailbox mailbox = Mailbox.parse("Jörg Müller <jörg@bücher.example>");
        assertThat(mailbox.displayName()).hasValue("Jörg Müller");
        assertThat(mailbox.address()).isEqualTo("jörg@bücher.example");
        assertThat(mailbox.isInternational()).isTrue();
        assertThat(Mailbox.of("a@example.com").isInternational()).isFalse();
    }

    @Test
    void domainLiteralIsAccepted() {
        assertThat(Mailbox.parse("postmaster@[192.0.2.1]").domain()).isEqualTo("[192.0.2.1]");
        assertThat(Mailbox.parse("x@[IPv6:2001:db8::1]").domain()).isEqualTo("[IPv6:2001:db8::1]");
    }

    @Test
    void obsoleteRouteIsDropped() {
        assertThat(Mailbox.parse("Joe <@relay.test,@other.test:joe@example.com>").address()).isEqualTo("joe@example.com");
    }

    @Test
    void listReturnsGroupMembersAndDropsGroupNames() {
        List<Mailbox> list = Mailbox.parseList(
                "Mary Smith <mary@x.test>, A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, "
                        + "Undisclosed recipients:;, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>");
        assertThat(list).extracting(Mailbox::address).containsExactly("mary@x.test", "c@a.test", "joe@where.test",
                "jdoe@one.test", "sysservices@example.net");
        assertThat(list.get(4).displayName()).hasValue("Giant; \"Big\" Box");
    }

    @Test
    void emptyGroupAloneGivesEmptyList() {
        assertThat(Mailbox.parseList("undisclosed-recipients:;")).isEmpty();
        assertThat(Mailbox.parseList("undisclosed-recipients:")).isEmpty();
    }

    @Test
    void emptyListElementsAreTolerated() {
        assertThat(Mailbox.parseList(" , a@x.test,, ,b@x.test ,")).extracting(Mailbox::address)
                .containsExactly("a@x.test", "b@x.test");
    }

    @Test
    void displayNameNeedingQuotesIsQuotedInToString() {
        assertThat(Mailbox.of("Doe, John", "john@example.com")).hasToString("\"Doe, John\" <john@example.com>");
        assertThat(Mailbox.of("John Doe", "john@example.com")).hasToString("John Doe <john@example.com>");
        Mailbox tricky = Mailbox.of("a \"b\" \\ c", "\"x y\"@example.com");
        assertThat(Mailbox.parse(tricky.toString())).isEqualTo(tricky);
    }

    @Test
    void mailboxOfAcceptsAngleBracketsButNotANameInside() {
        assertThat(Mailbox.of("Name", "<a@example.com>")).isEqualTo(Mailbox.of("Name", "a@example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.of("Name", "Other <a@example.com>"))
                .withMessageContaining("display name separately");
    }

    @Test
    void listErrorNamesTheBadElement() {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parseList("good@x.test, bad@@x.test, c@x.test"))
                .withMessageStartingWith("Invalid e-mail address \"bad@@x.test\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "plainaddress", "@example.com", "a@", "a@b@c.test", "john doe@example.com",
            "a..b@example.com", ".a@example.com", "a.@example.com", "<a@example.com", "Name <>", "a@exa mple.com",
            "a@exa!mple.com", "a@example..com", "\"unclosed@example.com", "a@[1.2.3.4", "a@example.com, b@example.com",
            "(unclosed a@example.com", "G: a@x.test;"})
    void invalidSingleMailboxesAreRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parse(text))
                .withMessageStartingWith("Invalid e-mail address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com\r\nBcc: evil@example.com", "a@example.com\n", "a\u0000@example.com"})
    void lineBreaksAndNulAreRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parse(text)).withMessageContaining("line break");
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parseList(text)).withMessageContaining("line break");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\u0001b\"@example.com", "\"tab\there\"@example.com", "\"del\u007f\"@example.com",
            "x@[1.2.3.4\u0007]", "Name <\"esc\u001b[2J\"@example.com>", "\"a\\\u0002b\"@example.com",
            "\"c1\u0085\"@example.com"})
    void controlCharactersAreRefusedInQuotedLocalPartsAndDomainLiterals(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parse(text))
                .withMessageContaining("control character").withMessageNotContainingAny("\u0001", "\u0007", "\u001b",
                        "\u0002", "\t", "\u007f", "\u0085");
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parseList("ok@example.com, " + text))
                .withMessageContaining("control character");
    }

    @Test
    void headerAddressesOfAComposedMessageAreCheckedToo() {
        MailMessage.Builder builder = MailMessage.builder().from("a@example.com").to("b@example.com");

        assertThatIllegalArgumentException().isThrownBy(() -> builder.replyTo("\"reply\u0001\"@example.com"))
                .withMessageContaining("\\x01");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.returnPath("bounce@[127.0.0.1\u0008]"))
                .withMessageContaining("\\x08");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.from("\"from\u007f\"@example.com"))
                .withMessageContaining("\\x7F");
    }

    @Test
    void aQuotedLocalPartWithASpaceIsAValidAddress() {
        Mailbox mailbox = Mailbox.parse("\"john doe\"@example.test");

        assertThat(mailbox.localPart()).isEqualTo("john doe");
        assertThat(mailbox.address()).isEqualTo("\"john doe\"@example.test");
    }

    @Test
    void displayNameWithLineBreakIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.of("Evil\r\nBcc: x@y.test", "a@example.com"))
                .withMessageContaining("display name");
    }

    @Test
    void nestedGroupIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Mailbox.parseList("A: B: c@x.test;;"))
                .withMessageContaining("group");
    }

    @Test
    void equalityCoversNameAndAddress() {
        assertThat(Mailbox.of("A", "a@x.test")).isEqualTo(Mailbox.parse("A <a@x.test>"))
                .hasSameHashCodeAs(Mailbox.parse("A <a@x.test>"))
                .isNotEqualTo(Mailbox.of("B", "a@x.test")).isNotEqualTo(Mailbox.of("a@x.test"));
    }
}
