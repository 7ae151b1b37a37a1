package io.github.mmsdk.store.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.grid.GridConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path root;

  private static final String RULES =
      "exit_rules:\n"
          + "  warning:\n"
          + "    adx_threshold: 25\n"
          + "    hold: 4h\n"
          + "    enabled: true\n"
          + "notifications:\n"
          + "  pushover:\n"
          + "    token: \"${PUSHOVER_TOKEN}\"\n"
          + "    user: \"${PUSHOVER_USER:-ops}\"\n"
          + "    channels:\n"
          + "    - pushover\n"
          + "    - log\n"
          + "gates:\n"
          + "  min_atr_pct: 0.5\n"
          + "  cooldown: PT30M\n"
          + "regime:\n"
          + "  adx:\n"
          + "    trending: 25\n";

  private static final String GRID =
      "schema_version: 1\n"
          + "id: eth-1\n"
          + "symbol: ETH-USDT\n"
          + "lower_price: 2000\n"
          + "upper_price: 3000\n"
          + "levels: 20\n"
          + "amount_per_grid: 25\n"
          + "profit_per_grid_pct: 0.9\n"
          + "allocation: 500\n"
          + "history:\n"
          + "- timestamp: \"2026-02-01T00:00:00Z\"\n"
          + "  event: ENABLED\n"
          + "  reason: start\n";

  @BeforeEach
  void write() throws Exception {
    Files.createDirectories(root.resolve("config/grids"));
    Files.writeString(root.resolve("config/rules.yaml"), RULES);
    Files.writeString(root.resolve("config/grids/eth-1.yaml"), GRID);
  }

  private ConfigLoader loader(Map<String, String> env) {
    return ConfigLoader.fromDirectory(root).withEnvironment(env);
  }

  @Test
  void loads_grids_and_typed_rule_sections() {
    StoreConfig cfg = loader(Map.of("PUSHOVER_TOKEN", "tok")).load();
    assertThat(cfg.version()).isEmpty();
    GridConfig g = cfg.grids().get(0);
    assertThat(g.id()).isEqualTo("eth-1");
    assertThat(g.isRunning()).isTrue();
    RulesDocument r = cfg.rules();
    assertThat(r.keys()).containsExactly("exit_rules", "notifications", "gates", "regime");
    assertThat(r.doubleValue("exit_rules.warning.adx_threshold")).isEqualTo(25.0);
    assertThat(r.integer("exit_rules.warning.adx_threshold")).isEqualTo(25);
    assertThat(r.duration("exit_rules.warning.hold")).isEqualTo(Duration.ofHours(4));
    assertThat(r.duration("gates.cooldown")).isEqualTo(Duration.ofMinutes(30));
    assertThat(r.bool("exit_rules.warning.enabled")).isTrue();
    assertThat(r.string("notifications.pushover.token")).isEqualTo("tok");
    assertThat(r.string("notifications.pushover.user")).isEqualTo("ops");
    assertThat(r.strings("notifications.pushover.channels")).containsExactly("pushover", "log");
    assertThat(r.decimal("gates.min_atr_pct")).isEqualByComparingTo("0.5");
    RulesDocument exit = r.section("exit_rules");
    assertThat(exit.prefix()).isEqualTo("exit_rules");
    assertThat(exit.doubleValue("warning.adx_threshold", 1)).isEqualTo(25.0);
    assertThat(exit.doubleValue("warning.missing", 1)).isEqualTo(1.0);
    assertThat(exit.integer("warning.missing", 7)).isEqualTo(7);
    assertThat(exit.bool("warning.missing", false)).isFalse();
    assertThat(exit.string("warning.missing", "x")).isEqualTo("x");
    assertThat(exit.duration("warning.missing", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(exit.strings("warning.missing")).isEmpty();
    assertThat(exit.has("warning")).isTrue();
    assertThat(exit.toString()).contains("exit_rules");
    assertThat(r.section("regime")).isEqualTo(cfg.rules().section("regime"));
    assertThat(r.section("regime").hashCode()).isEqualTo(cfg.rules().section("regime").hashCode());
  }

  @Test
  void environment_overrides_any_value_by_its_dotted_path() {
    StoreConfig cfg =
        loader(
                Map.of(
                    "PUSHOVER_TOKEN", "tok",
                    "MARKET_MAKER_EXIT_RULES_WARNING_ADX_THRESHOLD", "30",
                    "MARKET_MAKER_GRIDS_ETH_1_UPPER_PRICE", "3100.5"))
            .load();
    assertThat(cfg.rules().doubleValue("exit_rules.warning.adx_threshold")).isEqualTo(30.0);
    assertThat(cfg.grids().get(0).upperPrice()).isEqualByComparingTo(new BigDecimal("3100.5"));
    assertThat(ConfigLoader.envName("exit_rules.warning.adx-threshold"))
        .isEqualTo("MARKET_MAKER_EXIT_RULES_WARNING_ADX_THRESHOLD");
  }

  @Test
  void a_missing_variable_fails_with_file_key_and_line() {
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> {
              assertThat(e.key()).isEqualTo("notifications.pushover.token");
              assertThat(e.source()).contains("config/rules.yaml");
              assertThat(e.line()).isEqualTo(8);
              assertThat(e.getMessage()).contains("PUSHOVER_TOKEN");
            });
  }

  @Test
  void wrong_values_fail_with_file_key_and_line() {
    StoreConfig cfg = loader(Map.of("PUSHOVER_TOKEN", "t")).load();
    assertThatThrownBy(() -> cfg.rules().doubleValue("notifications.pushover.user"))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> {
              assertThat(e.key()).isEqualTo("notifications.pushover.user");
              assertThat(e.line()).isEqualTo(9);
            });
    assertThatThrownBy(() -> cfg.rules().integer("exit_rules.warning.hold"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().bool("exit_rules.warning.hold"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().duration("exit_rules.warning.enabled"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().decimal("exit_rules.warning.hold"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().section("gates.min_atr_pct"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().strings("gates"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().string("gates"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> cfg.rules().string("gates.nothing"))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.line()).isEqualTo(13));
  }

  @Test
  void an_unknown_section_or_a_bad_grid_fails_fast() throws Exception {
    Files.writeString(root.resolve("config/rules.yaml"), "exit_rules: {}\ngatez:\n  a: 1\n");
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> {
              assertThat(e.key()).isEqualTo("gatez");
              assertThat(e.line()).isEqualTo(2);
            });
    Files.writeString(root.resolve("config/rules.yaml"), "gates: 3\n");
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(root.resolve("config/rules.yaml"), "gates: {}\n");
    Files.writeString(
        root.resolve("config/grids/eth-1.yaml"),
        GRID.replace("upper_price: 3000", "upper_price: 1000"));
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> {
              assertThat(e.key()).isEqualTo("grids.eth-1.upper_price");
              assertThat(e.source()).contains("config/grids/eth-1.yaml");
              assertThat(e.line()).isEqualTo(5);
            });
    Files.writeString(
        root.resolve("config/grids/eth-1.yaml"), GRID.replace("levels: 20", "levels: x"));
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.line()).isEqualTo(6));
    Files.writeString(
        root.resolve("config/grids/eth-1.yaml"), GRID.replace("id: eth-1", "id: other"));
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOf(InvalidConfigurationException.class);
    Files.writeString(root.resolve("config/grids/eth-1.yaml"), "id: [\n");
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.line()).isPositive());
  }

  @Test
  void a_failed_reload_keeps_the_last_valid_configuration() throws Exception {
    ConfigLoader loader = loader(Map.of("PUSHOVER_TOKEN", "t"));
    assertThat(loader.current()).isEmpty();
    ConfigReload first = loader.reload();
    assertThat(first.applied()).isTrue();
    Files.writeString(root.resolve("config/rules.yaml"), "gates: [broken\n");
    ConfigReload second = loader.reload();
    assertThat(second.applied()).isFalse();
    assertThat(second.error()).hasValueSatisfying(m -> assertThat(m).contains("rules.yaml"));
    assertThat(second.config()).isEqualTo(first.config());
    assertThat(loader.current()).isEqualTo(first.config());
  }

  @Test
  void an_empty_folder_gives_an_empty_configuration() {
    StoreConfig cfg = ConfigLoader.fromDirectory(root.resolve("nothing")).load();
    assertThat(cfg.grids()).isEmpty();
    assertThat(cfg.rules().keys()).isEmpty();
    assertThat(RulesDocument.empty().source()).isEqualTo("config/rules.yaml");
  }
}
