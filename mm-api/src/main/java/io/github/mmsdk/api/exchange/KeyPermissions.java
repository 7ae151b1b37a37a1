package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.internal.MmValue;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What an API key may do (seed Req 11): the SDK refuses keys that may withdraw or have no IP
 * whitelist, and asks for the trade permission only when it is asked to trade.
 */
@MmValue
@Value.Immutable
public abstract class KeyPermissions {

  KeyPermissions() {}

  /** {@return whether the key may place and cancel orders} */
  public abstract boolean trade();

  /** {@return whether the key may withdraw funds; a key that may is refused} */
  public abstract boolean withdraw();

  /** {@return whether the key may transfer between accounts} */
  @Value.Default
  public boolean transfer() {
    return false;
  }

  /** {@return the IP addresses the key is restricted to; empty means unrestricted} */
  public abstract List<String> ipWhitelist();

  /** {@return the exchange's own permission names, as reported} */
  public abstract Set<String> raw();

  /** {@return whether the key is restricted to an IP whitelist} */
  public boolean hasIpWhitelist() {
    return !ipWhitelist().isEmpty();
  }

  /** Builds a {@link KeyPermissions}. */
  public static final class Builder extends ImmutableKeyPermissions.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
