package io.github.mmsdk.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.mmsdk.api.RootUsingSubPackage;
import io.github.mmsdk.api.cycle.fixture.FacadeNamingAdapter;
import io.github.mmsdk.api.fixture.ApiUsingJackson;
import io.github.mmsdk.exchange.fixture.ExchangeUsingStore;
import io.github.mmsdk.exit.fixture.a.A;
import io.github.mmsdk.exit.fixture.b.B;
import io.github.mmsdk.grid.fixture.GridThing;
import io.github.mmsdk.grid.fixture.ReadsWallClock;
import io.github.mmsdk.grid.fixture.UsesSamples;
import io.github.mmsdk.notify.fixture.NotifyThing;
import io.github.mmsdk.notify.fixture.Prints;
import io.github.mmsdk.notify.internal.fixture.Hidden;
import io.github.mmsdk.regime.fixture.RegimeReadingFiles;
import io.github.mmsdk.regime.fixture.RegimeUsingGrid;
import io.github.mmsdk.regime.fixture.RegimeUsingNotify;
import io.github.mmsdk.regime.fixture.UsesOtherInternal;
import io.github.mmsdk.samples.fixture.Sample;
import io.github.mmsdk.store.fixture.StoreThing;
import org.junit.jupiter.api.Test;

/**
 * Proves that no rule passes vacuously: each is run over deliberately wrong classes (test sources
 * of this module) and must fail.
 */
class ModuleRulesViolationTest {

  private static void assertCatches(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    assertThatThrownBy(() -> rule.check(imported)).isInstanceOf(AssertionError.class);
  }

  @Test
  void api_rule_catches_jackson_in_the_api() {
    assertCatches(ModuleRules.api_depends_only_on_jdk_slf4j_and_immutables, ApiUsingJackson.class);
  }

  @Test
  void api_root_rule_catches_a_root_class_using_a_contract_package() {
    assertCatches(
        ModuleRules.api_root_package_depends_on_no_sub_package, RootUsingSubPackage.class);
  }

  @Test
  void io_rule_catches_file_access_in_computation() {
    assertCatches(ModuleRules.computation_does_no_io, RegimeReadingFiles.class);
  }

  @Test
  void adapter_rule_catches_computation_knowing_an_adapter() {
    assertCatches(
        ModuleRules.computation_knows_no_adapter, RegimeUsingNotify.class, NotifyThing.class);
  }

  @Test
  void independence_rule_catches_regime_using_grid() {
    assertCatches(
        ModuleRules.computation_modules_are_independent_except_exit_on_grid,
        RegimeUsingGrid.class,
        GridThing.class);
  }

  @Test
  void adapter_isolation_rule_catches_one_adapter_using_another() {
    assertCatches(
        ModuleRules.adapters_depend_on_no_other_adapter_and_no_computation,
        ExchangeUsingStore.class,
        StoreThing.class);
  }

  @Test
  void samples_rule_catches_a_module_depending_on_samples() {
    assertCatches(ModuleRules.nothing_depends_on_samples, UsesSamples.class, Sample.class);
  }

  @Test
  void internals_rule_catches_use_of_another_modules_internals() {
    assertCatches(
        ModuleRules.internals_stay_inside_their_module, UsesOtherInternal.class, Hidden.class);
  }

  @Test
  void cycle_rule_catches_a_package_cycle() {
    assertCatches(ModuleRules.no_cycles_between_packages, A.class, B.class);
  }

  @Test
  void facade_rule_catches_the_facade_naming_an_adapter() {
    assertCatches(
        ModuleRules.facade_names_no_adapter_or_computation_class,
        FacadeNamingAdapter.class,
        StoreThing.class);
  }

  @Test
  void clock_rule_catches_a_wall_clock_read() {
    assertCatches(ModuleRules.no_wall_clock_reads, ReadsWallClock.class);
  }

  @Test
  void stream_rule_catches_printing() {
    assertCatches(ModuleRules.no_printing_to_standard_streams, Prints.class);
  }
}
