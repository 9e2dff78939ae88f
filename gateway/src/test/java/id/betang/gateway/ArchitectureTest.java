package id.betang.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The import rules of docs/architecture.md, over the compiled classes of the gateway and the menus module
 * (tests excluded). A change that breaks one fails the build, naming the class and the dependency.
 */
@AnalyzeClasses(packages = {"id.betang.gateway", "id.betang.menus"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule smppTypesStayInSmpp = noClasses()
            .that().resideOutsideOfPackage("id.betang.gateway.smpp..")
            .should().dependOnClassesThat().resideInAPackage("org.jsmpp..")
            .because("the smpp package is the one SMPP edge: MtSubmitter out, DeliverSmRouter in");

    @ArchTest
    static final ArchRule menusKnowNothingOfTheGateway = noClasses()
            .that().resideInAPackage("id.betang.menus..")
            .should().dependOnClassesThat().resideInAPackage("id.betang.gateway..")
            .because("menus are data and their engine; the gateway hands them what it requires");

    @ArchTest
    static final ArchRule smsDoesNotUseUssd = noClasses()
            .that().resideInAPackage("id.betang.gateway.sms..")
            .should().dependOnClassesThat().resideInAPackage("id.betang.gateway.ussd..")
            .because("what both channels use lives in packages named for what it does");

    @ArchTest
    static final ArchRule ussdDoesNotUseSms = noClasses()
            .that().resideInAPackage("id.betang.gateway.ussd..")
            .should().dependOnClassesThat().resideInAPackage("id.betang.gateway.sms..");

    @ArchTest
    static final ArchRule theDialogueKnowsNoAdapter = noClasses()
            .that().resideInAPackage("id.betang.gateway.ussd..")
            .should().dependOnClassesThat().resideInAnyPackage("id.betang.gateway.smpp..", "id.betang.gateway.http..")
            .because("adapters call the dialogue, never the other way round");

    @ArchTest
    static final ArchRule configImportsNoFeature = noClasses()
            .that().resideInAPackage("id.betang.gateway.config..")
            .should().dependOnClassesThat(resideInAPackage("id.betang.gateway..")
                    .and(not(resideInAPackage("id.betang.gateway.config.."))))
            .because("settings are plain values; each feature interprets its own");

    @ArchTest
    static final ArchRule servicesKnowNoChannel = noClasses()
            .that().resideInAnyPackage("id.betang.gateway.resident..", "id.betang.gateway.identity..",
                    "id.betang.gateway.market..", "id.betang.gateway.complaint..", "id.betang.gateway.action..",
                    "id.betang.gateway.outbox..", "id.betang.gateway.notify..")
            .should().dependOnClassesThat(resideInAnyPackage("id.betang.gateway.ussd..", "id.betang.gateway.sms..",
                    "id.betang.gateway.http.."))
            .because("services belong to no channel; the channels call them");
}
