package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push and fetch against the optional remote {@code origin}. A rejected push is followed by a
 * fetch, an in-core rebase of the unpushed commits onto the remote tip, and one more push; a failed
 * push keeps the local commits for the next attempt.
 */
public final class RemoteSync {
  /** The remote-tracking ref. */
  public static final String TRACKING = "refs/remotes/origin/main";

  private static final Logger LOG = LoggerFactory.getLogger(RemoteSync.class);

  private final GitRepo repo;
  private final String uri;
  private final CredentialsProvider credentials;
  private final TransportConfigCallback transport;
  private volatile String lastError;

  /**
   * Creates the sync.
   *
   * @param repo the local repository
   * @param uri the remote URI
   * @param credentials HTTPS credentials, or null
   * @param transport SSH transport configuration, or null
   */
  public RemoteSync(
      GitRepo repo,
      String uri,
      CredentialsProvider credentials,
      TransportConfigCallback transport) {
    this.repo = repo;
    this.uri = uri;
    this.credentials = credentials;
    this.transport = transport;
  }

  /** {@return the remote URI} */
  public String uri() {
    return uri;
  }

  /** {@return the last push or fetch error, if the last attempt failed} */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Points {@code origin} at the URI and fetches; when the local branch is missing (a new or lost
   * local copy) it starts from the remote's history.
   */
  public void attach() {
    Repository r = repo.repository();
    try {
      StoredConfig cfg = r.getConfig();
      cfg.setString("remote", "origin", "url", uri);
      cfg.setString("remote", "origin", "fetch", "+refs/heads/main:" + TRACKING);
      cfg.save();
    } catch (IOException e) {
      throw new StoreException("cannot configure remote " + uri + ": " + e.getMessage(), e);
    }
    if (!fetch()) {
      LOG.warn("remote not reachable on open, continuing locally uri={} error={}", uri, lastError);
      return;
    }
    Optional<ObjectId> remote = tracking();
    if (repo.head().isEmpty() && remote.isPresent()) {
      RefUpdate.Result res = repo.casUpdate(null, remote.get(), "restore from " + uri);
      LOG.info(
          "started from remote history uri={} head={} result={}", uri, remote.get().name(), res);
    }
  }

  /** {@return the remote-tracking commit, if fetched} */
  public Optional<ObjectId> tracking() {
    try {
      Ref ref = repo.repository().exactRef(TRACKING);
      return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Fetches the remote branch.
   *
   * @return whether the fetch worked
   */
  public boolean fetch() {
    try (Git git = Git.wrap(repo.repository())) {
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+refs/heads/main:" + TRACKING))
          .setCredentialsProvider(credentials)
          .setTransportConfigCallback(transport)
          .call();
      return true;
    } catch (GitAPIException | RuntimeException e) {
      lastError = "fetch failed: " + e.getMessage();
      return false;
    }
  }

  /**
   * Pushes the branch; on rejection fetches, rebases the unpushed commits and pushes once more.
   *
   * @return whether the remote now has the local branch
   */
  public boolean push() {
    if (tryPush()) {
      lastError = null;
      return true;
    }
    if (!fetch()) {
      return false;
    }
    try {
      if (!rebaseOntoTracking()) {
        return false;
      }
    } catch (IOException e) {
      lastError = "rebase failed: " + e.getMessage();
      return false;
    }
    if (tryPush()) {
      lastError = null;
      return true;
    }
    LOG.warn(
        "push failed, keeping local commits for the next cycle uri={} error={}", uri, lastError);
    return false;
  }

  private boolean tryPush() {
    Optional<ObjectId> head = repo.head();
    if (head.isEmpty()) {
      return true;
    }
    try (Git git = Git.wrap(repo.repository())) {
      PushCommand cmd =
          git.push()
              .setRemote("origin")
              .setRefSpecs(new RefSpec(GitRepo.BRANCH + ":" + GitRepo.BRANCH))
              .setCredentialsProvider(credentials)
              .setTransportConfigCallback(transport);
      for (PushResult res : cmd.call()) {
        RemoteRefUpdate u = res.getRemoteUpdate(GitRepo.BRANCH);
        if (u == null) {
          continue;
        }
        if (u.getStatus() == RemoteRefUpdate.Status.OK
            || u.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
          setTracking(u.getNewObjectId());
          return true;
        }
        lastError = "push " + u.getStatus() + (u.getMessage() == null ? "" : ": " + u.getMessage());
        return false;
      }
      lastError = "push returned no result for " + GitRepo.BRANCH;
      return false;
    } catch (GitAPIException | RuntimeException e) {
      lastError = "push failed: " + e.getMessage();
      return false;
    }
  }

  private void setTracking(ObjectId id) {
    try {
      RefUpdate u = repo.repository().updateRef(TRACKING);
      u.setNewObjectId(id);
      u.setForceUpdate(true);
      u.update();
    } catch (IOException e) {
      LOG.debug("cannot update tracking ref error={}", e.getMessage());
    }
  }

  /**
   * Replays the local commits missing from the remote onto the remote tip, in memory, and moves the
   * local branch there if nobody moved it meanwhile.
   *
   * @return whether the branch now contains the remote tip
   * @throws IOException on a read failure
   */
  boolean rebaseOntoTracking() throws IOException {
    Optional<ObjectId> remote = tracking();
    Optional<ObjectId> local = repo.head();
    if (remote.isEmpty() || local.isEmpty()) {
      return true;
    }
    Repository r = repo.repository();
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit localTip = walk.parseCommit(local.get());
      RevCommit remoteTip = walk.parseCommit(remote.get());
      if (walk.isMergedInto(remoteTip, localTip)) {
        return true;
      }
      walk.reset();
      walk.markStart(localTip);
      walk.markUninteresting(remoteTip);
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      List<RevCommit> mine = new ArrayList<>();
      for (RevCommit c : walk) {
        mine.add(c);
      }
      ObjectId base = remoteTip;
      for (RevCommit c : mine) {
        if (c.getParentCount() > 1) {
          lastError = "cannot rebase merge commit " + c.name();
          return false;
        }
        ResolveMerger m = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(r, true);
        // a root commit (two writers started unrelated histories) replays against the empty tree
        m.setBase(c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0)).getTree());
        if (!m.merge(base, c)) {
          lastError = "rebase conflict replaying " + c.name() + " on " + base.name();
          LOG.warn(
              "rebase conflict, keeping local commits commit={} paths={}",
              c.name(),
              m.getUnmergedPaths());
          return false;
        }
        base = repo.recommit(m.getResultTreeId(), base, c);
      }
      RefUpdate.Result res =
          repo.casUpdate(localTip, base, "rebase onto " + remoteTip.name(), true);
      if (res != RefUpdate.Result.FAST_FORWARD && res != RefUpdate.Result.FORCED) {
        lastError = "local branch moved during rebase (" + res + ")";
        return false;
      }
      LOG.info("rebased local commits onto remote count={} head={}", mine.size(), base.name());
      return true;
    }
  }

  /** {@return the number of local commits the remote does not have} */
  public int unpushed() {
    Optional<ObjectId> local = repo.head();
    if (local.isEmpty()) {
      return 0;
    }
    try (RevWalk walk = new RevWalk(repo.repository())) {
      walk.markStart(walk.parseCommit(local.get()));
      Optional<ObjectId> remote = tracking();
      if (remote.isPresent()) {
        walk.markUninteresting(walk.parseCommit(remote.get()));
      }
      int n = 0;
      for (RevCommit ignored : walk) {
        n++;
      }
      return n;
    } catch (IOException e) {
      return -1;
    }
  }
}
