package io.github.mmsdk.api.exchange;

/**
 * The SDK refuses to use an API key whose permissions are unsafe (it may withdraw, or has no IP
 * whitelist) or insufficient (trading asked for without the trade permission). Seed Req 11.
 */
public class PermissionRefusedException extends PermanentExchangeException {
  private static final long serialVersionUID = 1L;

  /** The permission of the failure, also in the message. */
  private final String permission;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param permission the permission at fault, e.g. {@code withdraw} or {@code ip_whitelist}
   * @param message what to change on the key
   */
  public PermissionRefusedException(String venue, String permission, String message) {
    super(venue, "key permissions", permission, message, null);
    this.permission = permission;
  }

  /** {@return the permission at fault} */
  public String permission() {
    return permission;
  }
}
