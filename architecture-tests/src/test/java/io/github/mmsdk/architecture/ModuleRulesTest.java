package io.github.mmsdk.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Runs every module rule over the main classes of every published module. */
@AnalyzeClasses(packages = "io.github.mmsdk", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

  @ArchTest
  static final ArchRule api_depends_only_on_jdk_slf4j_and_immutables =
      ModuleRules.api_depends_only_on_jdk_slf4j_and_immutables;

  @ArchTest
  static final ArchRule api_root_package_depends_on_no_sub_package =
      ModuleRules.api_root_package_depends_on_no_sub_package;

  @ArchTest
  static final ArchRule computation_does_no_io =
      ModuleRules.computation_does_no_io.allowEmptyShould(true);

  @ArchTest
  static final ArchRule computation_knows_no_adapter =
      ModuleRules.computation_knows_no_adapter.allowEmptyShould(true);

  @ArchTest
  static final ArchRule computation_modules_are_independent_except_exit_on_grid =
      ModuleRules.computation_modules_are_independent_except_exit_on_grid.allowEmptyShould(true);

  @ArchTest
  static final ArchRule adapters_depend_on_no_other_adapter_and_no_computation =
      ModuleRules.adapters_depend_on_no_other_adapter_and_no_computation.allowEmptyShould(true);

  @ArchTest
  static final ArchRule nothing_depends_on_samples = ModuleRules.nothing_depends_on_samples;

  @ArchTest
  static final ArchRule internals_stay_inside_their_module =
      ModuleRules.internals_stay_inside_their_module;

  @ArchTest
  static final ArchRule no_cycles_between_packages = ModuleRules.no_cycles_between_packages;

  @ArchTest
  static final ArchRule facade_names_no_adapter_or_computation_class =
      ModuleRules.facade_names_no_adapter_or_computation_class;

  @ArchTest static final ArchRule no_wall_clock_reads = ModuleRules.no_wall_clock_reads;

  @ArchTest
  static final ArchRule no_printing_to_standard_streams =
      ModuleRules.no_printing_to_standard_streams;

  @ArchTest static final ArchRule no_generic_exceptions = ModuleRules.no_generic_exceptions;
}
