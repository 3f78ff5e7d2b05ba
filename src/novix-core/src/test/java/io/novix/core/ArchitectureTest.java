package io.novix.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of novix-core, checked on the compiled classes (docs/architecture.md draws it):
 * kernel ← tenant ← identity ← audit ← credentials (token, serviceaccount, jwt, user, sso) ← access
 * ← routing ← inference ← platform. Features form no cycle, never reach into another feature's
 * control, entities never see boundaries, the kernel knows no feature, and hf-client knows no Novix.
 */
class ArchitectureTest {

    private static JavaClasses core;
    private static JavaClasses hf;

    @BeforeAll
    static void load() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        core = importer.importPackages("io.novix.core");
        hf = importer.importPackages("io.novix.hf");
    }

    @Test
    void featuresFormNoCycle() {
        slices().matching("io.novix.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void noFeatureReachesIntoAnothersControl() {
        for (String feature : features()) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage("io.novix.core." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.novix.core." + feature + ".control..")
                    .because("another feature reaches " + feature + " only through its boundary");
            rule.check(core);
        }
    }

    @Test
    void entitiesNeverSeeBoundaries() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat().resideInAPackage("..boundary..").check(core);
    }

    @Test
    void theKernelKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.novix.core.kernel..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("io.novix.core..").and(JavaClass.Predicates.resideOutsideOfPackage("io.novix.core.kernel..")))
                .check(core);
    }

    @Test
    void identityIsBeneathEveryCredential() {
        noClasses().that().resideInAPackage("io.novix.core.identity..").should().dependOnClassesThat()
                .resideInAnyPackage("io.novix.core.token..", "io.novix.core.serviceaccount..", "io.novix.core.jwt..",
                        "io.novix.core.sso..", "io.novix.core.user..", "io.novix.core.access..", "io.novix.core.audit..")
                .because("credentials depend on identity, not the reverse").check(core);
    }

    @Test
    void jwsCryptographyIsTheLibrarysNotHandWritten() {
        noClasses().that().resideInAPackage("io.novix.core.jwt..").should().dependOnClassesThat()
                .haveFullyQualifiedName("java.security.Signature")
                .because("JWS signing and verification are jose4j's (hardening class 9)").check(core);
    }

    @Test
    void hfClientKnowsNoNovix() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.novix.core..", "io.novix.api..", "io.novix.sso..")
                .check(hf);
    }

    private static java.util.Set<String> features() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        core.forEach(c -> {
            String rest = c.getPackageName().replaceFirst("^io\\.novix\\.core\\.?", "");
            if (!rest.isEmpty()) {
                names.add(rest.split("\\.")[0]);
            }
        });
        return names;
    }
}
