package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.store.StoreConflictException;
import io.github.mmsdk.api.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.zip.Deflater;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's repository: reads files at a commit, and writes a set of files as one commit whose
 * ref update is a compare-and-swap, so concurrent writers (threads or processes) never lose a
 * commit. Trees are edited along the changed paths only; no work tree or index is used.
 */
public final class GitRepo implements AutoCloseable {
  /** The branch the store writes. */
  public static final String BRANCH = Constants.R_HEADS + "main";

  private static final Logger LOG = LoggerFactory.getLogger(GitRepo.class);
  private static final int REPACK_FROM = 8;

  /** From how many files a single commit writes one pack instead of a loose object per file. */
  private static final int PACK_FROM = 16;

  private final Repository repo;
  private final Clock clock;
  private final PersonIdent author;

  private GitRepo(Repository repo, Clock clock, String name, String email) {
    this.repo = repo;
    this.clock = clock;
    this.author = new PersonIdent(name, email);
  }

  /**
   * Opens the repository in a folder, creating a bare one when the folder holds none.
   *
   * @param dir the folder (a bare repository, or a work tree with {@code .git})
   * @param clock the clock for commit times
   * @param name the committer name
   * @param email the committer e-mail
   * @return the repository
   */
  public static GitRepo open(Path dir, Clock clock, String name, String email) {
    try {
      File f = dir.toFile();
      Repository r;
      if (Files.isDirectory(dir.resolve(".git"))) {
        r = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
      } else if (Files.isRegularFile(dir.resolve("HEAD"))
          && Files.isDirectory(dir.resolve("objects"))) {
        r = new FileRepositoryBuilder().setGitDir(f).setBare().build();
      } else {
        Files.createDirectories(dir);
        Git.init().setBare(true).setDirectory(f).setInitialBranch("main").call().close();
        LOG.info("created store repository path={}", dir);
        r = new FileRepositoryBuilder().setGitDir(f).setBare().build();
      }
      return new GitRepo(r, clock, name, email);
    } catch (IOException | GitAPIException e) {
      throw new StoreException("cannot open repository " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@return the JGit repository} */
  public Repository repository() {
    return repo;
  }

  /** {@return the commit at the tip of the branch, if any} */
  public Optional<ObjectId> head() {
    try {
      Ref ref = repo.exactRef(BRANCH);
      return ref == null || ref.getObjectId() == null
          ? Optional.empty()
          : Optional.of(ref.getObjectId());
    } catch (IOException e) {
      throw new StoreException("cannot read " + BRANCH + ": " + e.getMessage(), e);
    }
  }

  /** {@return a read view of the branch tip} */
  public Snapshot snapshot() {
    return snapshot(head().orElse(null));
  }

  /**
   * A read view of one commit.
   *
   * @param commit the commit, or {@code null} for the empty store
   * @return the view
   */
  public Snapshot snapshot(ObjectId commit) {
    if (commit == null) {
      return new Snapshot(repo, null, null, null);
    }
    try (RevWalk w = new RevWalk(repo)) {
      RevCommit c = w.parseCommit(commit);
      return new Snapshot(repo, c.copy(), c.getTree().copy(), null);
    } catch (IOException e) {
      throw new StoreException("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes files as one commit on the branch tip, retrying on a concurrent update.
   *
   * @param message the commit message
   * @param changes computes path to new content from the current tip; may throw a typed refusal
   * @param maxAttempts how often to retry when another writer moved the branch first
   * @return the new commit, or the unchanged tip when there was nothing to write
   */
  public ObjectId commit(
      String message, Function<Snapshot, Map<String, byte[]>> changes, int maxAttempts) {
    for (int attempt = 1; ; attempt++) {
      Snapshot base = snapshot();
      Map<String, byte[]> files = changes.apply(base);
      if (files.isEmpty() && base.commit() != null) {
        return base.commit();
      }
      ObjectId commit = write(base, files, message);
      RefUpdate.Result r = casUpdate(base.commit(), commit, message);
      if (r == RefUpdate.Result.NEW || r == RefUpdate.Result.FAST_FORWARD) {
        return commit;
      }
      if (attempt >= maxAttempts) {
        throw new StoreConflictException(
            "branch moved under " + attempt + " attempts to commit '" + message + "' (" + r + ")",
            null);
      }
      LOG.debug("ref moved, retrying commit attempt={} result={}", attempt, r);
      backoff(attempt);
    }
  }

  /**
   * Moves the branch from one commit to another if nobody moved it meanwhile.
   *
   * @param expected the commit the branch must be at, {@code null} when it must not exist
   * @param next the new commit
   * @param message the reflog message
   * @return the update result
   */
  public RefUpdate.Result casUpdate(ObjectId expected, ObjectId next, String message) {
    return casUpdate(expected, next, message, false);
  }

  /**
   * Moves the branch from one commit to another if nobody moved it meanwhile.
   *
   * @param expected the commit the branch must be at, {@code null} when it must not exist
   * @param next the new commit
   * @param message the reflog message
   * @param force whether the move may drop commits (a rebase)
   * @return the update result
   */
  public RefUpdate.Result casUpdate(
      ObjectId expected, ObjectId next, String message, boolean force) {
    try {
      RefUpdate u = repo.updateRef(BRANCH);
      u.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
      u.setNewObjectId(next);
      u.setRefLogMessage(message, false);
      u.setForceUpdate(force);
      return u.update();
    } catch (IOException e) {
      throw new StoreException("cannot update " + BRANCH + ": " + e.getMessage(), e);
    }
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20) * 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreConflictException("interrupted while retrying a commit", e);
    }
  }

  private ObjectId write(Snapshot base, Map<String, byte[]> files, String message) {
    StagedTree t = new StagedTree(repo, base.tree());
    files.forEach(t::put);
    // a first cycle handing over months of raw candles: one pack, not hundreds of loose files
    return write(base.commit(), t, message, files.size() >= PACK_FROM);
  }

  /**
   * An inserter for a commit's new objects: loose objects for a single write (a few files), one
   * pack for a batch (a file per object costs more than the object on most file systems).
   */
  private ObjectInserter inserter(boolean pack) {
    if (pack && repo.getObjectDatabase() instanceof ObjectDirectory) {
      // the fastest deflate: a day's pack is written once and read a few times; maintain()
      // recompresses everything into one pack of deltas. Staged trees hold only changed folders
      // and new blobs, so objects the store holds already are not looked for.
      return new DayPackInserter((ObjectDirectory) repo.getObjectDatabase(), Deflater.BEST_SPEED);
    }
    return repo.newObjectInserter();
  }

  private ObjectId write(ObjectId parent, StagedTree staged, String message, boolean pack) {
    try (ObjectInserter ins = inserter(pack)) {
      ObjectId tree = staged.writeTo(ins);
      CommitBuilder cb = new CommitBuilder();
      PersonIdent who = new PersonIdent(author, clock.instant(), ZoneOffset.UTC);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message);
      cb.setTreeId(tree);
      if (parent != null) {
        cb.setParentId(parent);
      }
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    } catch (IOException e) {
      throw new StoreException("cannot write commit: " + e.getMessage(), e);
    }
  }

  /**
   * Garbage-collects the repository. When batches left more than a few packs, whose objects a pack
   * inserter stores whole and JGit's gc would copy as they are, every object is recompressed so
   * that similar records become deltas again (a three-year backtest: about 6x smaller).
   */
  public void gc() {
    try {
      if (repo instanceof FileRepository
          && ((ObjectDirectory) repo.getObjectDatabase()).getPacks().size() > REPACK_FROM) {
        GC gc = new GC((FileRepository) repo);
        PackConfig pc = new PackConfig(repo);
        pc.setReuseObjects(false);
        gc.setPackConfig(pc);
        gc.gc().get();
      } else {
        try (Git git = Git.wrap(repo)) {
          git.gc().setAggressive(false).call();
        }
      }
    } catch (IOException | java.text.ParseException | GitAPIException e) {
      throw new StoreException("gc failed: " + e.getMessage(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new StoreException("gc failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("gc interrupted", e);
    }
  }

  /**
   * Starts a batch: writes staged in memory on top of the branch tip, read back through {@link
   * Batch#snapshot()}, and written as one commit by {@link Batch#commit(String, int)}.
   *
   * @return the batch
   */
  public Batch batch() {
    return new Batch();
  }

  /**
   * The last batch commit of this object and an unstaged tree continuing the one it wrote (no
   * staged blobs kept), for the next batch to take.
   */
  private record Written(ObjectId commit, StagedTree tree) {}

  private final java.util.concurrent.atomic.AtomicReference<Written> lastWritten =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Writes staged in memory and committed together. Each staged write is computed from the staged
   * view, so later writes see earlier ones; the commit replays them on a new tip when another
   * writer moved the branch meanwhile. Not thread-safe: one thread stages and commits.
   */
  public final class Batch {
    private final List<Function<Snapshot, Map<String, byte[]>>> changes = new ArrayList<>();
    private Snapshot view;

    private Batch() {
      Snapshot tip = GitRepo.this.snapshot();
      // the tip is this object's last batch commit: continue its lineage (remembered versions of
      // folders stay valid), once only, so that a discarded batch's lineage ends with it; else a
      // fresh one
      Written last = lastWritten.getAndSet(null);
      view =
          last != null && tip.commit() != null && last.commit().equals(tip.commit())
              ? new Snapshot(repo, tip.commit(), tip.tree(), last.tree())
              : staged(tip);
    }

    private Snapshot staged(Snapshot base) {
      return new Snapshot(repo, base.commit(), base.tree(), new StagedTree(repo, base.tree()));
    }

    /** {@return the staged view: the branch tip the batch started from, with its writes} */
    public Snapshot snapshot() {
      return view;
    }

    /** {@return how many writes changed something} */
    public int size() {
      return changes.size();
    }

    /**
     * Stages one write. When {@code change} throws, nothing of it is staged.
     *
     * @param change computes path to new content from the staged view; may throw a typed refusal
     * @return whether it changed anything
     */
    public boolean stage(Function<Snapshot, Map<String, byte[]>> change) {
      Map<String, byte[]> files = change.apply(view);
      if (files.isEmpty()) {
        return false;
      }
      files.forEach(view.staged::put);
      changes.add(change);
      return true;
    }

    /**
     * Writes the staged writes as one commit, replaying them on the new tip when another writer
     * moved the branch since the batch started (a replay may throw the refusal of a write that no
     * longer applies; then nothing is written).
     *
     * @param message the commit message
     * @param maxAttempts how often to retry when another writer moved the branch first
     * @return the new commit, empty when nothing was staged
     */
    public Optional<ObjectId> commit(String message, int maxAttempts) {
      if (changes.isEmpty()) {
        return Optional.empty();
      }
      for (int attempt = 1; ; attempt++) {
        ObjectId commit = write(view.commit(), view.staged, message, true);
        RefUpdate.Result r = casUpdate(view.commit(), commit, message);
        if (r == RefUpdate.Result.NEW || r == RefUpdate.Result.FAST_FORWARD) {
          Snapshot tip = GitRepo.this.snapshot(commit);
          lastWritten.set(new Written(commit.copy(), view.staged.continued(tip.tree())));
          view = staged(tip);
          changes.clear();
          return Optional.of(commit);
        }
        if (attempt >= maxAttempts) {
          throw new StoreConflictException(
              "branch moved under " + attempt + " attempts to commit '" + message + "' (" + r + ")",
              null);
        }
        LOG.debug("ref moved, replaying batch attempt={} writes={}", attempt, changes.size());
        backoff(attempt);
        Snapshot replay = staged(GitRepo.this.snapshot());
        for (Function<Snapshot, Map<String, byte[]>> change : changes) {
          change.apply(replay).forEach(replay.staged::put);
        }
        view = replay;
      }
    }
  }

  /**
   * Writes a commit with a given tree and parent (used by the in-core rebase).
   *
   * @param tree the tree
   * @param parent the parent
   * @param like the commit whose author and message to keep
   * @return the new commit
   */
  public ObjectId recommit(ObjectId tree, ObjectId parent, RevCommit like) {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      CommitBuilder cb = new CommitBuilder();
      cb.setAuthor(like.getAuthorIdent());
      cb.setCommitter(new PersonIdent(author, clock.instant(), ZoneOffset.UTC));
      cb.setMessage(like.getFullMessage());
      cb.setTreeId(tree);
      cb.setParentId(parent);
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    } catch (IOException e) {
      throw new StoreException("cannot write commit: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }

  /**
   * A read view of one commit, or of a batch's staged writes on top of one: file contents and
   * folder listings by path.
   */
  public static final class Snapshot {
    private final Repository repo;
    private final ObjectId commit;
    private final ObjectId tree;
    private final StagedTree staged;

    Snapshot(Repository repo, ObjectId commit, ObjectId tree, StagedTree staged) {
      this.repo = repo;
      this.commit = commit;
      this.tree = tree;
      this.staged = staged;
    }

    /** {@return the commit (a staged view's base commit), or null for the empty store} */
    public ObjectId commit() {
      return commit;
    }

    /** {@return the root tree, or null for the empty store} */
    public ObjectId tree() {
      return staged == null ? tree : staged.rootId();
    }

    /**
     * {@return for a staged view, what identifies its line of states (see {@link #changes}); empty
     * for a view of a commit}
     */
    public Optional<Object> lineage() {
      return staged == null ? Optional.empty() : Optional.of(staged.lineage());
    }

    /**
     * How many files were put into a folder (directly) along a staged view's {@linkplain #lineage()
     * lineage}. A caller that remembers something about a folder's content with the lineage and
     * this count knows it still holds while both are unchanged: nothing else was put there.
     *
     * @param dir the folder
     * @return the count; 0 for a view of a commit
     */
    public long changes(String dir) {
      return staged == null ? 0 : staged.changes(dir);
    }

    /** {@return whether the view holds no file (cheaper than computing a staged root tree)} */
    public boolean isEmpty() {
      return staged == null ? tree == null : staged.isEmpty();
    }

    /**
     * The object at a path.
     *
     * @param path the path
     * @return the blob or tree id
     */
    public Optional<ObjectId> id(String path) {
      if (staged != null) {
        return staged.id(path);
      }
      if (tree == null) {
        return Optional.empty();
      }
      try (ObjectReader rd = repo.newObjectReader();
          TreeWalk w = TreeWalk.forPath(rd, path, tree)) {
        return w == null ? Optional.empty() : Optional.of(w.getObjectId(0));
      } catch (IOException e) {
        throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    /**
     * The bytes of a blob.
     *
     * @param blob the blob
     * @return the bytes
     */
    public byte[] bytes(ObjectId blob) {
      if (staged != null) {
        byte[] b = staged.staged(blob);
        if (b != null) {
          return b;
        }
      }
      try (ObjectReader rd = repo.newObjectReader()) {
        return rd.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
      } catch (IOException e) {
        throw new StoreException("cannot read object " + blob.name() + ": " + e.getMessage(), e);
      }
    }

    /**
     * The file at a path.
     *
     * @param path the path
     * @return the bytes, if the file exists
     */
    public Optional<byte[]> read(String path) {
      return id(path).map(this::bytes);
    }

    /**
     * The names in a folder, sorted: {@link #list(String)} without the object ids (which a staged
     * view computes for changed sub-folders).
     *
     * @param dir the folder path ({@code ""} for the root)
     * @return the names; empty when the folder does not exist
     */
    public java.util.SortedSet<String> names(String dir) {
      if (staged != null) {
        return staged.names(dir);
      }
      return new java.util.TreeSet<>(list(dir).keySet());
    }

    /**
     * The names in a folder within a range, sorted: what {@link #names(String)} holds from {@code
     * from} to {@code to}, both inclusive, without copying the rest of a large folder.
     *
     * @param dir the folder path ({@code ""} for the root)
     * @param from the least name
     * @param to the greatest name
     * @return the names; empty when the folder does not exist
     */
    public java.util.SortedSet<String> names(String dir, String from, String to) {
      if (staged != null) {
        return staged.names(dir, from, to);
      }
      return names(dir).subSet(from, to + '\0');
    }

    /**
     * The entries of a folder, last name first. A staged view yields them one look-up at a time
     * without copying the folder (a caller that stops at the newest file reads one entry of a large
     * folder); a view of a commit lists the folder once.
     *
     * @param dir the folder path ({@code ""} for the root)
     * @return name and object id, by descending name; empty when the folder does not exist
     */
    public Iterable<Map.Entry<String, ObjectId>> newestFirst(String dir) {
      if (staged == null) {
        List<Map.Entry<String, ObjectId>> all = new ArrayList<>(list(dir).entrySet());
        java.util.Collections.reverse(all);
        return all;
      }
      StagedTree view = staged;
      return () ->
          new java.util.Iterator<>() {
            private Optional<Map.Entry<String, ObjectId>> next = view.lower(dir, Optional.empty());

            @Override
            public boolean hasNext() {
              return next.isPresent();
            }

            @Override
            public Map.Entry<String, ObjectId> next() {
              Map.Entry<String, ObjectId> e =
                  next.orElseThrow(java.util.NoSuchElementException::new);
              next = view.lower(dir, Optional.of(e.getKey()));
              return e;
            }
          };
    }

    /**
     * The entries of a folder.
     *
     * @param dir the folder path ({@code ""} for the root)
     * @return name to object id, sorted by name; empty when the folder does not exist
     */
    public Map<String, ObjectId> list(String dir) {
      if (staged != null) {
        return staged.list(dir);
      }
      Map<String, ObjectId> out = new TreeMap<>();
      ObjectId t = dir.isEmpty() ? tree : id(dir).orElse(null);
      if (t == null) {
        return out;
      }
      try (ObjectReader rd = repo.newObjectReader()) {
        CanonicalTreeParser p = new CanonicalTreeParser(null, rd, t);
        for (; !p.eof(); p.next()) {
          out.put(p.getEntryPathString(), p.getEntryObjectId());
        }
        return out;
      } catch (IOException e) {
        throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
