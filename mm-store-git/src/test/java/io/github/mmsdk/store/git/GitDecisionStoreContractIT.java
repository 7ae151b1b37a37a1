package io.github.mmsdk.store.git;

import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.testkit.store.DecisionStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class GitDecisionStoreContractIT extends DecisionStoreContract {
  @TempDir Path dir;
  private final AtomicInteger n = new AtomicInteger();

  @Override
  protected DecisionStore newStore() {
    return GitDecisionStore.open(dir.resolve("repo-" + n.incrementAndGet()));
  }

  @Override
  protected Optional<DecisionStore> reopen(DecisionStore closing) {
    Path folder = ((GitDecisionStore) closing).folder();
    closing.close();
    return Optional.of(GitDecisionStore.open(folder));
  }

  @Override
  protected boolean keepsRawCandles() {
    return true;
  }

  @Override
  protected int dueExamples() {
    return 15; // a Git repository per example
  }
}
