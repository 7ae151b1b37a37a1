package io.github.mmsdk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** One rule per sentence of ARCHITECTURE.md §1; the field names are the sentences. */
final class ModuleRules {
  private ModuleRules() {}

  static final String BASE = "io.github.mmsdk";
  static final String[] COMPUTATION = {BASE + ".regime..", BASE + ".exit..", BASE + ".grid.."};
  static final String[] ADAPTERS = {
    BASE + ".exchange..",
    BASE + ".store..",
    BASE + ".notify..",
    BASE + ".micrometer..",
    BASE + ".ops.."
  };
  static final String[] IO_PACKAGES = {"java.net..", "java.nio.file..", "java.nio.channels.."};
  static final String[] IO_CLASSES = {
    "java.io.File",
    "java.io.FileInputStream",
    "java.io.FileOutputStream",
    "java.io.FileReader",
    "java.io.FileWriter",
    "java.io.RandomAccessFile"
  };

  /** Module base packages, each with its own internal package. */
  static final List<String> MODULE_PACKAGES =
      List.of(
          "api",
          "regime",
          "exit",
          "grid",
          "exchange.kucoin",
          "store.git",
          "notify",
          "micrometer",
          "ops",
          "backtest",
          "testkit");

  // Rule 1
  static final ArchRule api_depends_only_on_jdk_slf4j_and_immutables =
      classes()
          .that()
          .resideInAPackage(BASE + ".api..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(BASE + ".api..", "java..", "org.slf4j..", "org.immutables..");

  static final ArchRule api_root_package_depends_on_no_sub_package =
      noClasses()
          .that()
          .resideInAPackage(BASE + ".api")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BASE + ".api.*..");

  // Rule 2
  static final ArchRule computation_does_no_io =
      noClasses()
          .that()
          .resideInAnyPackage(COMPUTATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(IO_PACKAGES)
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[0])
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[1])
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[2])
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[3])
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[4])
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(IO_CLASSES[5]);

  static final ArchRule computation_knows_no_adapter =
      noClasses()
          .that()
          .resideInAnyPackage(COMPUTATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS);

  static final ArchRule computation_modules_are_independent_except_exit_on_grid =
      CompositeArchRule.of(
              noClasses()
                  .that()
                  .resideInAPackage(BASE + ".regime..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(BASE + ".exit..", BASE + ".grid.."))
          .and(
              noClasses()
                  .that()
                  .resideInAPackage(BASE + ".grid..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(BASE + ".exit..", BASE + ".regime.."))
          .and(
              noClasses()
                  .that()
                  .resideInAPackage(BASE + ".exit..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(BASE + ".regime.."));

  // Rule 3
  static final ArchRule adapters_depend_on_no_other_adapter_and_no_computation =
      CompositeArchRule.of(adapterRule(0))
          .and(adapterRule(1))
          .and(adapterRule(2))
          .and(adapterRule(3));

  private static ArchRule adapterRules() {
    CompositeArchRule rule = CompositeArchRule.of(adapterRule(0));
    for (int i = 1; i < ADAPTERS.length; i++) {
      rule = rule.and(adapterRule(i));
    }
    return rule;
  }

  private static ArchRule adapterRule(int index) {
    String adapter = ADAPTERS[index];
    List<String> banned = new ArrayList<>();
    for (String other : ADAPTERS) {
      if (!other.equals(adapter)) {
        banned.add(other);
      }
    }
    banned.addAll(List.of(COMPUTATION));
    banned.add(BASE + ".testkit..");
    return noClasses()
        .that()
        .resideInAPackage(adapter)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(banned.toArray(String[]::new));
  }

  // Rule 4
  static final ArchRule nothing_depends_on_samples =
      noClasses()
          .that()
          .resideOutsideOfPackage(BASE + ".samples..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BASE + ".samples..");

  static final ArchRule internals_stay_inside_their_module = internalsRule();

  private static ArchRule internalsRule() {
    CompositeArchRule rule = null;
    for (String m : MODULE_PACKAGES) {
      ArchRule r =
          noClasses()
              .that()
              .resideOutsideOfPackage(BASE + "." + m + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage(BASE + "." + m + ".internal..")
              .as("nothing outside " + BASE + "." + m + " touches its internal packages");
      rule = rule == null ? CompositeArchRule.of(r) : rule.and(r);
    }
    return rule;
  }

  // Rule 5
  /**
   * Every package is a slice, except that a package and its {@code internal} sub-packages form one:
   * an implementation and its hidden helpers may call each other, but no two packages may.
   */
  static final ArchRule no_cycles_between_packages =
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                  String pkg = javaClass.getPackageName();
                  if (!pkg.startsWith(BASE)) {
                    return SliceIdentifier.ignore();
                  }
                  int internal = pkg.indexOf(".internal");
                  return SliceIdentifier.of(internal < 0 ? pkg : pkg.substring(0, internal));
                }

                @Override
                public String getDescription() {
                  return "packages of " + BASE + " (a package together with its internals)";
                }
              })
          .should()
          .beFreeOfCycles();

  static final ArchRule facade_names_no_adapter_or_computation_class =
      noClasses()
          .that()
          .resideInAPackage(BASE + ".api.cycle..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              BASE + ".exchange..",
              BASE + ".store..",
              BASE + ".notify..",
              BASE + ".regime..",
              BASE + ".exit..",
              BASE + ".grid..",
              BASE + ".testkit..");

  // Rule 6
  static final ArchRule no_wall_clock_reads =
      noClasses()
          .that()
          .resideInAPackage(BASE + "..")
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now");

  static final ArchRule no_printing_to_standard_streams =
      GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

  static final ArchRule no_generic_exceptions =
      GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
}
