package io.github.mmsdk.store.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.store.git.internal.RecordMapper;
import io.github.mmsdk.store.git.internal.StoreLayout;
import io.github.mmsdk.store.git.internal.WireException;
import io.github.mmsdk.store.git.internal.WireSchema;
import io.github.mmsdk.store.git.internal.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and validates the repository's configuration: {@code config/grids/*.yaml} (a grid with its
 * history) and {@code config/rules.yaml} (sections {@code exit_rules}, {@code notifications},
 * {@code gates}, {@code regime}).
 *
 * <p>Text values may hold {@code ${VAR}} or {@code ${VAR:-default}} placeholders, filled from the
 * environment. Any existing value can be overridden by an environment variable named {@code
 * MARKET_MAKER_} plus its upper-cased dotted path with non-alphanumerics as underscores: {@code
 * exit_rules.warning.adx_threshold} by {@code MARKET_MAKER_EXIT_RULES_WARNING_ADX_THRESHOLD}, field
 * {@code lower_price} of grid {@code eth-1} by {@code MARKET_MAKER_GRIDS_ETH_1_LOWER_PRICE}.
 *
 * <p>{@link #load()} fails fast with an {@link InvalidConfigurationException} naming the file, the
 * key and the line; {@link #reload()} keeps the last valid configuration when the new one fails.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Set<String> SECTIONS =
      Set.of("exit_rules", "notifications", "gates", "regime");

  /** The configuration files and their version. */
  static final class Source {
    final Map<String, byte[]> files;
    final Optional<String> version;

    Source(Map<String, byte[]> files, Optional<String> version) {
      this.files = files;
      this.version = version;
    }
  }

  private final Supplier<Source> source;
  private final Map<String, String> env;
  private volatile StoreConfig current;

  ConfigLoader(Supplier<Source> source, Map<String, String> env) {
    this.source = source;
    this.env = Map.copyOf(env);
  }

  /**
   * A loader reading {@code <root>/config/} from disk (e.g. a checked-out copy of the repository).
   *
   * @param root the folder that holds {@code config/}
   * @return the loader, using the process environment
   */
  public static ConfigLoader fromDirectory(Path root) {
    return new ConfigLoader(() -> readDirectory(root), System.getenv());
  }

  /**
   * The same loader with another environment (for tests and hosts that filter variables).
   *
   * @param environment variable name to value
   * @return a new loader
   */
  public ConfigLoader withEnvironment(Map<String, String> environment) {
    return new ConfigLoader(source, environment);
  }

  private static Source readDirectory(Path root) {
    Map<String, byte[]> files = new TreeMap<>();
    Path config = root.resolve(StoreLayout.CONFIG);
    if (Files.isDirectory(config)) {
      try (Stream<Path> s = Files.walk(config)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String name = p.getFileName().toString();
          if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
            files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
          }
        }
      } catch (IOException e) {
        throw new StoreException("cannot read " + config + ": " + e.getMessage(), e);
      }
    }
    return new Source(files, Optional.empty());
  }

  /** {@return the configuration in force, after a successful load} */
  public Optional<StoreConfig> current() {
    return Optional.ofNullable(current);
  }

  /**
   * Reads and validates the configuration and puts it in force.
   *
   * @return the configuration
   * @throws InvalidConfigurationException naming file, key and line, when anything is invalid
   */
  public StoreConfig load() {
    Source src = source.get();
    RulesDocument rules = RulesDocument.empty();
    List<GridConfig> grids = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Map.Entry<String, byte[]> f : src.files.entrySet()) {
      String file = f.getKey();
      if (file.equals("config/rules.yaml") || file.equals("config/rules.yml")) {
        rules = rules(file, f.getValue());
      } else if (file.startsWith(StoreLayout.GRIDS + "/") && file.indexOf('/', 13) < 0) {
        GridConfig g = grid(file, f.getValue());
        if (!ids.add(g.id())) {
          throw new InvalidConfigurationException(
              "grids." + g.id() + ".id",
              "duplicate grid id",
              file,
              Yaml.lineOf(f.getValue(), "id"),
              null);
        }
        grids.add(g);
      }
    }
    StoreConfig cfg =
        new StoreConfig.Builder().addAllGrids(grids).rules(rules).version(src.version).build();
    current = cfg;
    LOG.info(
        "configuration loaded grids={} sections={} version={}",
        grids.size(),
        rules.keys(),
        src.version.orElse("none"));
    return cfg;
  }

  /**
   * Loads again; when the new configuration is invalid the last valid one stays in force.
   *
   * @return what happened
   */
  public ConfigReload reload() {
    try {
      StoreConfig cfg = load();
      return new ConfigReload.Builder().applied(true).config(cfg).build();
    } catch (InvalidConfigurationException e) {
      LOG.warn("configuration reload refused, keeping the last valid one error={}", e.getMessage());
      return new ConfigReload.Builder()
          .applied(false)
          .config(Optional.ofNullable(current))
          .error(e.getMessage())
          .build();
    }
  }

  private RulesDocument rules(String file, byte[] bytes) {
    JsonNode tree = parse(file, bytes);
    if (tree.isMissingNode() || tree.isNull()) {
      return new RulesDocument(Yaml.object(), "", file, Map.of());
    }
    if (!tree.isObject()) {
      throw new InvalidConfigurationException("rules", "must be a mapping", file, 1, null);
    }
    Map<String, Integer> lines = Yaml.lines(bytes);
    ObjectNode root = (ObjectNode) tree;
    root.remove("schema_version");
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (!SECTIONS.contains(key)) {
        throw new InvalidConfigurationException(
            key,
            "unknown section; expected one of " + new TreeMapKeys(SECTIONS),
            file,
            lines.getOrDefault(key, 0),
            null);
      }
      if (!e.getValue().isObject()) {
        throw new InvalidConfigurationException(
            key, "must be a mapping", file, lines.getOrDefault(key, 0), null);
      }
    }
    resolve(root, "", "", file, lines);
    return new RulesDocument(root, "", file, lines);
  }

  private GridConfig grid(String file, byte[] bytes) {
    JsonNode tree = parse(file, bytes);
    if (!tree.isObject()) {
      throw new InvalidConfigurationException("grids", "must be a mapping", file, 1, null);
    }
    ObjectNode root = (ObjectNode) tree;
    String stem = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
    Map<String, Integer> lines = Yaml.lines(bytes);
    if (!root.has("schema_version")) {
      root.put("schema_version", WireSchema.GRID.current());
    }
    resolve(root, "", "grids." + stem + ".", file, lines);
    try {
      GridConfig g = RecordMapper.grid(WireSchema.GRID.migrate(root));
      if (!StoreLayout.safe(g.id()).equals(stem)) {
        throw new InvalidConfigurationException(
            "grids." + stem + ".id",
            "must match the file name, was '" + g.id() + "'",
            file,
            lines.getOrDefault("id", 0),
            null);
      }
      return g;
    } catch (WireException e) {
      throw new InvalidConfigurationException(
          "grids." + stem + "." + e.path(), e.getMessage(), file, Yaml.lineOf(bytes, e.path()), e);
    } catch (InvalidConfigurationException e) {
      if (e.source().isPresent()) {
        throw e;
      }
      String key = e.key();
      String leaf = key.substring(key.lastIndexOf('.') + 1);
      throw new InvalidConfigurationException(
          key, e.getMessage(), file, Yaml.lineOf(bytes, leaf.replaceFirst("\\[.*", "")), e);
    }
  }

  private static JsonNode parse(String file, byte[] bytes) {
    try {
      return Yaml.read(bytes);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidConfigurationException("(syntax)", e.getOriginalMessage(), file, line, e);
    }
  }

  private void resolve(
      JsonNode node, String path, String envPrefix, String file, Map<String, Integer> lines) {
    if (node instanceof ObjectNode) {
      ObjectNode o = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String p = path.isEmpty() ? name : path + "." + name;
        JsonNode child = o.get(name);
        if (child.isValueNode()) {
          JsonNode v = child.isTextual() ? substitute(child.asText(), p, file, lines) : child;
          String override = env.get(envName(envPrefix + p));
          o.set(name, override != null ? Yaml.NODES.textNode(override) : v);
        } else {
          resolve(child, p, envPrefix, file, lines);
        }
      }
    } else if (node instanceof ArrayNode) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        String p = path + "[" + i + "]";
        JsonNode child = a.get(i);
        if (child.isTextual()) {
          a.set(i, substitute(child.asText(), p, file, lines));
        } else {
          resolve(child, p, envPrefix, file, lines);
        }
      }
    }
  }

  private JsonNode substitute(String text, String path, String file, Map<String, Integer> lines) {
    if (!text.contains("${")) {
      return Yaml.NODES.textNode(text);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        throw new InvalidConfigurationException(
            path,
            "environment variable " + m.group(1) + " is not set",
            file,
            lines.getOrDefault(path, 0),
            null);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return Yaml.NODES.textNode(sb.toString());
  }

  /**
   * The environment variable that overrides a dotted path.
   *
   * @param dottedPath the path, e.g. {@code exit_rules.warning.adx_threshold}
   * @return the name, e.g. {@code MARKET_MAKER_EXIT_RULES_WARNING_ADX_THRESHOLD}
   */
  public static String envName(String dottedPath) {
    StringBuilder sb = new StringBuilder("MARKET_MAKER_");
    for (char c : dottedPath.toUpperCase(Locale.ROOT).toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    return sb.toString();
  }

  private static final class TreeMapKeys {
    private final Set<String> keys;

    TreeMapKeys(Set<String> keys) {
      this.keys = keys;
    }

    @Override
    public String toString() {
      return String.join(", ", new java.util.TreeSet<>(keys));
    }
  }
}
