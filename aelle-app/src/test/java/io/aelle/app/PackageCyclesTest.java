package io.aelle.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every package of every module, main code only (this module's classpath holds them all): no two packages depend on
 * each other, directly or through others. A cycle makes packages impossible to change, test or move apart.
 */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        // Test classes (this module's and the other modules' test jars) are left out: the rule is about main code.
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        JavaClasses classes = new ClassFileImporter().withImportOption(mainOnly).importPackages("io.aelle");
        assertTrue(classes.size() > 300, "the classes of all modules were imported, got " + classes.size());
        // "(**)": one slice per package.
        slices().matching("io.aelle.(**)").should().beFreeOfCycles().check(classes);
    }
}
