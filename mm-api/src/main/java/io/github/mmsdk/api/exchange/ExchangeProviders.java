package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds {@link ExchangeProvider}s on the class path by id. */
public final class ExchangeProviders {

  /** First-party ids and the artifact that provides each, for a helpful miss. */
  private static final Map<String, String> KNOWN = Map.of("kucoin", "mm-exchange-kucoin");

  private ExchangeProviders() {}

  /**
   * The provider with an id, from the context class loader.
   *
   * @param id the provider id, e.g. {@code kucoin}
   * @return the provider
   * @throws InvalidConfigurationException saying which artifact to add, or which ids exist
   */
  public static ExchangeProvider byId(String id) {
    return byId(id, Thread.currentThread().getContextClassLoader());
  }

  /**
   * The provider with an id, from a class loader.
   *
   * @param id the provider id
   * @param loader where to look
   * @return the provider
   * @throws InvalidConfigurationException saying which artifact to add, or which ids exist
   */
  public static ExchangeProvider byId(String id, ClassLoader loader) {
    Map<String, ExchangeProvider> found = available(loader);
    ExchangeProvider p = found.get(id);
    if (p != null) {
      return p;
    }
    String artifact = KNOWN.get(id);
    if (artifact != null) {
      throw new InvalidConfigurationException(
          "exchange",
          "exchange \""
              + id
              + "\" requested but io.github.mmsdk:"
              + artifact
              + " is not on the classpath");
    }
    throw new InvalidConfigurationException(
        "exchange",
        "no exchange provider has id \"" + id + "\"; found " + new ArrayList<>(found.keySet()));
  }

  /**
   * Every provider on a class loader, by id.
   *
   * @param loader where to look
   * @return the providers, sorted by id
   */
  public static Map<String, ExchangeProvider> available(ClassLoader loader) {
    Map<String, ExchangeProvider> out = new TreeMap<>();
    List<ExchangeProvider> all = new ArrayList<>();
    ServiceLoader.load(ExchangeProvider.class, loader).forEach(all::add);
    for (ExchangeProvider p : all) {
      out.putIfAbsent(p.id(), p);
    }
    return out;
  }
}
