package io.github.smtpclient.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.github.smtpclient.SmtpClient;

/**
 * The Spring Boot module is a user of the core like any application: it uses only the packages the core's
 * module-info exports, never {@code internal} or the {@code protocol} engine, so it keeps working when they change.
 */
class ModuleBoundaryTests {

    private static final JavaClasses BOOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.smtpclient.boot");

    @Test
    void bootUsesOnlyTheCoresExportedPackages() throws Exception {
        Set<String> exported = coreExports();
        noClasses().that().resideInAPackage("io.github.smtpclient.boot..")
                .should().dependOnClassesThat(new DescribedPredicate<>("are in a core package module-info does not"
                        + " export (" + exported + ")") {
                    @Override
                    public boolean test(JavaClass type) {
                        String name = type.getPackageName();
                        return name.startsWith("io.github.smtpclient") && !name.startsWith("io.github.smtpclient.boot")
                                && !exported.contains(name);
                    }
                })
                .allowEmptyShould(false).check(BOOT);
    }

    private static Set<String> coreExports() throws Exception {
        Path core = Path.of(SmtpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(core).findAll().iterator().next().descriptor();
        return descriptor.exports().stream().filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }
}
