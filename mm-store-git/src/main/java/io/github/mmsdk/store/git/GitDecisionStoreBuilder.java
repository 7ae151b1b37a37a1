package io.github.mmsdk.store.git;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Configures and opens a {@link GitDecisionStore}. */
public final class GitDecisionStoreBuilder {
  final Path folder;
  Optional<String> remote = Optional.empty();
  Optional<String> username = Optional.empty();
  Optional<Secret> password = Optional.empty();
  Optional<Path> sshKey = Optional.empty();
  Clock clock = Clock.systemUTC();
  String committerName = "mm-sdk";
  String committerEmail = "mm-sdk@localhost";
  int maxCommitAttempts = 200;
  int cacheEntries = 50_000;
  Duration staleLock = Duration.ofSeconds(30);

  GitDecisionStoreBuilder(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
  }

  /**
   * Pushes every commit to a remote (file, HTTPS or SSH URI) and starts from its history when the
   * local copy is new or lost.
   *
   * @param uri the remote URI, e.g. {@code file:///srv/git/market-maker-data.git}
   * @return this builder
   */
  public GitDecisionStoreBuilder remote(String uri) {
    if (uri.isBlank()) {
      throw new InvalidConfigurationException("store.remote", "must not be blank");
    }
    this.remote = Optional.of(uri);
    return this;
  }

  /**
   * HTTPS credentials for the remote.
   *
   * @param user the user name
   * @param token the password or token (never logged)
   * @return this builder
   */
  public GitDecisionStoreBuilder credentials(String user, Secret token) {
    this.username = Optional.of(user);
    this.password = Optional.of(token);
    return this;
  }

  /**
   * The private key file for an SSH remote (Apache MINA SSH transport).
   *
   * @param keyFile the key file
   * @return this builder
   */
  public GitDecisionStoreBuilder sshKey(Path keyFile) {
    this.sshKey = Optional.of(keyFile);
    return this;
  }

  /**
   * The clock for commit and health times.
   *
   * @param clock the clock
   * @return this builder
   */
  public GitDecisionStoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The committer identity.
   *
   * @param name the name
   * @param email the e-mail
   * @return this builder
   */
  public GitDecisionStoreBuilder committer(String name, String email) {
    this.committerName = name;
    this.committerEmail = email;
    return this;
  }

  /**
   * How often a commit is retried when another writer moved the branch first.
   *
   * @param attempts at least 1
   * @return this builder
   */
  public GitDecisionStoreBuilder maxCommitAttempts(int attempts) {
    if (attempts < 1) {
      throw new InvalidConfigurationException("store.max_commit_attempts", "must be at least 1");
    }
    this.maxCommitAttempts = attempts;
    return this;
  }

  /**
   * How many parsed records the in-memory cache keeps.
   *
   * @param entries at least 0
   * @return this builder
   */
  public GitDecisionStoreBuilder cacheEntries(int entries) {
    if (entries < 0) {
      throw new InvalidConfigurationException("store.cache_entries", "must not be negative");
    }
    this.cacheEntries = entries;
    return this;
  }

  /**
   * After how long a ref lock left by a killed writer is removed.
   *
   * @param age the age
   * @return this builder
   */
  public GitDecisionStoreBuilder staleLockAfter(Duration age) {
    this.staleLock = age;
    return this;
  }

  /** {@return the store, opening or creating the repository} */
  public GitDecisionStore open() {
    return new GitDecisionStore(this);
  }
}
