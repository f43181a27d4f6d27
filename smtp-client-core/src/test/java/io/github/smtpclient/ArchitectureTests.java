package io.github.smtpclient;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of the style guide: the engine never touches sockets, TLS or MIME; sockets never parse SMTP;
 * the message layer knows nothing of the protocol; nothing in core depends on Spring.
 */
class ArchitectureTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.smtpclient");

    /** A read timeout reaches the engine as the Wire contract's SocketTimeoutException; nothing else of java.net. */
    @Test
    void theProtocolEngineDoesNotOpenSocketsOrComposeMessages() {
        noClasses().that().resideInAPackage("..smtpclient.protocol..")
                .should().dependOnClassesThat(resideInAnyPackage("..smtpclient.net..", "..smtpclient.tls..",
                        "..smtpclient.message..", "java.net..", "javax.net..")
                        .and(not(equivalentTo(SocketTimeoutException.class))))
                .allowEmptyShould(false).check(CORE);
    }

    /** The network layer implements the engine's Wire (with its read deadline) and knows nothing else of it. */
    @Test
    void theNetworkLayerDoesNotSpeakSmtp() {
        noClasses().that().resideInAnyPackage("..smtpclient.net..", "..smtpclient.tls..")
                .should().dependOnClassesThat(resideInAnyPackage("..smtpclient.protocol..", "..smtpclient.message..",
                        "..smtpclient.auth..").and(not(equivalentTo(io.github.smtpclient.protocol.Wire.class)))
                        .and(not(equivalentTo(io.github.smtpclient.protocol.ReadDeadline.class))))
                .orShould().dependOnClassesThat().haveSimpleName("SmtpClient")
                .allowEmptyShould(false).check(CORE);
    }

    @Test
    void theMessageLayerKnowsNothingOfTheWire() {
        noClasses().that().resideInAPackage("..smtpclient.message..")
                .should().dependOnClassesThat().resideInAnyPackage("..smtpclient.protocol..", "..smtpclient.net..",
                        "..smtpclient.tls..", "..smtpclient.auth..", "..smtpclient.event..")
                .allowEmptyShould(false).check(CORE);
    }

    @Test
    void saslMechanismsDoNoIo() {
        noClasses().that().resideInAPackage("..smtpclient.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("..smtpclient.protocol..", "..smtpclient.net..",
                        "..smtpclient.tls..", "java.net..")
                .allowEmptyShould(false).check(CORE);
    }

    @Test
    void coreDoesNotDependOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .allowEmptyShould(false).check(CORE);
    }

    /** The root package is the front door: every type in it is one a user names, so none is package-private. */
    @Test
    void theRootPackageHoldsOnlyPublicApi() {
        classes().that().resideInAPackage("io.github.smtpclient").and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().bePublic()
                .allowEmptyShould(false).check(CORE);
    }
}
