package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A tree edited in memory on top of a stored one. The folders along changed or visited paths are
 * read once and kept as sorted maps; new file contents stay in memory under their blob ids; tree
 * ids are computed only when asked for. Nothing reaches the repository until {@link
 * #writeTo(ObjectInserter)}, which inserts each changed folder and each new blob reachable from the
 * root once, however often it changed in between: the unit of a batch of writes.
 *
 * <p>Thread-safe (all methods synchronize on the tree).
 */
final class StagedTree {

  /** A file, or a folder not loaded: its mode and object id. */
  private record Leaf(FileMode mode, ObjectId id) {}

  /** A loaded folder: its entries by name, each a {@link Leaf} or a loaded {@link Node}. */
  private static final class Node {
    final TreeMap<String, Object> entries = new TreeMap<>();

    /** The stored tree this folder is equal to, or null when it changed or is new. */
    ObjectId stored;

    /** The computed tree id, or null when not computed since the last change. */
    ObjectId id;
  }

  private final Repository repo;
  private final Sha1 hasher = new Sha1();
  private final Map<ObjectId, byte[]> blobs = new HashMap<>();
  private final Node root;
  private final Object lineage;
  private final Map<String, Long> changes;

  /**
   * A tree on top of a stored tree.
   *
   * @param repo the repository the stored tree lives in
   * @param base the stored root tree, or null for an empty store
   */
  StagedTree(Repository repo, ObjectId base) {
    this(repo, base, new Object(), new HashMap<>());
  }

  private StagedTree(Repository repo, ObjectId base, Object lineage, Map<String, Long> changes) {
    this.repo = repo;
    this.root = base == null ? new Node() : load(base);
    this.lineage = lineage;
    this.changes = changes;
  }

  /**
   * A tree on top of the stored tree this one was written as (by {@link #writeTo}): equal content,
   * same {@linkplain #lineage() lineage} and {@linkplain #changes(String) change counts}. It takes
   * over this tree's loaded folders: this tree is not to be used afterwards.
   *
   * @param written the root tree {@link #writeTo} returned
   * @return the tree
   */
  synchronized StagedTree continued(ObjectId written) {
    if (root.entries.isEmpty() || !written.equals(root.id)) {
      return new StagedTree(repo, written, lineage, new HashMap<>(changes));
    }
    // the folders written are stored now: keep them loaded (a large folder that changes every
    // batch is not read back from the pack), and let go of those that did not change
    settle(root);
    return new StagedTree(repo, root, lineage, new HashMap<>(changes));
  }

  private StagedTree(Repository repo, Node root, Object lineage, Map<String, Long> changes) {
    this.repo = repo;
    this.root = root;
    this.lineage = lineage;
    this.changes = changes;
  }

  /**
   * Marks a folder {@link #writeTo written} as stored, with its written sub-folders; loaded
   * sub-folders that were not written become unloaded entries again.
   */
  private static void settle(Node n) {
    n.stored = n.id;
    for (Map.Entry<String, Object> e : n.entries.entrySet()) {
      if (e.getValue() instanceof Node) {
        Node c = (Node) e.getValue();
        if (c.stored != null) {
          e.setValue(new Leaf(FileMode.TREE, c.stored));
        } else {
          settle(c);
        }
      }
    }
  }

  /**
   * {@return an object identifying this tree's line of states: trees continued from one another
   * share it, every other tree has its own}
   */
  synchronized Object lineage() {
    return lineage;
  }

  /**
   * How many files were put into a folder (directly) along this tree's lineage: with {@link
   * #lineage()}, a version of the folder's content that a caller can remember.
   *
   * @param dir the folder
   * @return the count
   */
  synchronized long changes(String dir) {
    return changes.getOrDefault(dir, 0L);
  }

  private Node load(ObjectId tree) {
    Node n = new Node();
    try (ObjectReader rd = repo.newObjectReader()) {
      CanonicalTreeParser p = new CanonicalTreeParser(null, rd, tree);
      for (; !p.eof(); p.next()) {
        n.entries.put(p.getEntryPathString(), new Leaf(p.getEntryFileMode(), p.getEntryObjectId()));
      }
    } catch (IOException e) {
      throw new StoreException("cannot read tree " + tree.name() + ": " + e.getMessage(), e);
    }
    n.stored = tree.copy();
    n.id = n.stored;
    return n;
  }

  /** The loaded folder under a name in a parent, loading it when it is a stored tree. */
  private Node folder(Node parent, String name) {
    Object c = parent.entries.get(name);
    if (c instanceof Node) {
      return (Node) c;
    }
    if (c instanceof Leaf && ((Leaf) c).mode() == FileMode.TREE) {
      Node n = load(((Leaf) c).id());
      parent.entries.put(name, n);
      return n;
    }
    return null;
  }

  private Node node(String dir) {
    Node n = root;
    if (dir.isEmpty()) {
      return n;
    }
    for (String seg : dir.split("/", -1)) {
      n = folder(n, seg);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /**
   * The object at a path.
   *
   * @param path the path
   * @return the blob or tree id
   */
  synchronized Optional<ObjectId> id(String path) {
    int slash = path.lastIndexOf('/');
    Node parent = slash < 0 ? root : node(path.substring(0, slash));
    if (parent == null) {
      return Optional.empty();
    }
    Object c = parent.entries.get(path.substring(slash + 1));
    if (c instanceof Leaf) {
      return Optional.of(((Leaf) c).id());
    }
    return c == null ? Optional.empty() : Optional.of(treeId((Node) c));
  }

  /**
   * The entries of a folder.
   *
   * @param dir the folder ({@code ""} for the root)
   * @return name to object id, sorted by name; empty when the folder does not exist
   */
  synchronized Map<String, ObjectId> list(String dir) {
    Map<String, ObjectId> out = new TreeMap<>();
    Node n = node(dir);
    if (n != null) {
      for (Map.Entry<String, Object> e : n.entries.entrySet()) {
        Object c = e.getValue();
        out.put(e.getKey(), c instanceof Leaf ? ((Leaf) c).id() : treeId((Node) c));
      }
    }
    return out;
  }

  /**
   * The names in a folder.
   *
   * @param dir the folder ({@code ""} for the root)
   * @return the names, sorted; empty when the folder does not exist
   */
  synchronized SortedSet<String> names(String dir) {
    Node n = node(dir);
    return n == null ? new TreeSet<>() : new TreeSet<>(n.entries.keySet());
  }

  /**
   * The names in a folder within a range.
   *
   * @param dir the folder ({@code ""} for the root)
   * @param from the least name
   * @param to the greatest name
   * @return the names from {@code from} to {@code to}, both inclusive, sorted
   */
  synchronized SortedSet<String> names(String dir, String from, String to) {
    Node n = node(dir);
    return n == null || from.compareTo(to) > 0
        ? new TreeSet<>()
        : new TreeSet<>(n.entries.subMap(from, true, to, true).keySet());
  }

  /**
   * The entry of a folder with the greatest name below a name.
   *
   * @param dir the folder ({@code ""} for the root)
   * @param before the name to stay below; empty for the folder's last entry
   * @return name and object id; empty when there is none (or no folder)
   */
  synchronized Optional<Map.Entry<String, ObjectId>> lower(String dir, Optional<String> before) {
    Node n = node(dir);
    if (n == null) {
      return Optional.empty();
    }
    Map.Entry<String, Object> e =
        before.isPresent() ? n.entries.lowerEntry(before.get()) : n.entries.lastEntry();
    if (e == null) {
      return Optional.empty();
    }
    Object c = e.getValue();
    return Optional.of(
        Map.entry(e.getKey(), c instanceof Leaf ? ((Leaf) c).id() : treeId((Node) c)));
  }

  /**
   * The bytes of a blob staged in this tree.
   *
   * @param blob the blob
   * @return the bytes, or null when the blob is not staged here (it is stored)
   */
  synchronized byte[] staged(ObjectId blob) {
    return blobs.get(blob);
  }

  /** {@return the root tree id, or null when the tree is empty} */
  synchronized ObjectId rootId() {
    return root.entries.isEmpty() ? null : treeId(root);
  }

  /** {@return whether the tree holds no entry} */
  synchronized boolean isEmpty() {
    return root.entries.isEmpty();
  }

  /**
   * Sets a file's content.
   *
   * @param path the path
   * @param content the content
   */
  synchronized void put(String path, byte[] content) {
    ObjectId blob = hasher.id(Constants.OBJ_BLOB, content);
    String[] segs = path.split("/", -1);
    List<Node> chain = new ArrayList<>(segs.length);
    Node n = root;
    chain.add(n);
    for (int i = 0; i < segs.length - 1; i++) {
      Node next = folder(n, segs[i]);
      if (next == null) {
        if (n.entries.containsKey(segs[i])) {
          throw new StoreException("path " + path + " crosses a file", null);
        }
        next = new Node();
        n.entries.put(segs[i], next);
      }
      n = next;
      chain.add(n);
    }
    String name = segs[segs.length - 1];
    if (n.entries.get(name) instanceof Node
        || (n.entries.get(name) instanceof Leaf
            && ((Leaf) n.entries.get(name)).mode() == FileMode.TREE)) {
      throw new StoreException("path " + path + " is a folder", null);
    }
    blobs.put(blob, content);
    n.entries.put(name, new Leaf(FileMode.REGULAR_FILE, blob));
    int slash = path.lastIndexOf('/');
    changes.merge(slash < 0 ? "" : path.substring(0, slash), 1L, Long::sum);
    for (Node c : chain) {
      c.stored = null;
      c.id = null;
    }
  }

  private ObjectId treeId(Node n) {
    if (n.id == null) {
      n.id = hasher.id(Constants.OBJ_TREE, format(n, null).toByteArray());
    }
    return n.id;
  }

  /**
   * Inserts the changed folders and staged blobs reachable from the root.
   *
   * @param ins the inserter of the repository
   * @return the root tree id
   * @throws IOException when the repository cannot be written
   */
  synchronized ObjectId writeTo(ObjectInserter ins) throws IOException {
    try {
      return write(root, ins, new HashSet<>());
    } catch (UncheckedIo e) {
      throw e.getCause();
    }
  }

  private ObjectId write(Node n, ObjectInserter ins, Set<ObjectId> inserted) throws IOException {
    if (n.stored != null) {
      return n.stored;
    }
    ObjectId id = ins.insert(format(n, new Writer(ins, inserted)));
    n.id = id;
    return id;
  }

  /** Writes children while a folder is formatted. */
  private final class Writer {
    final ObjectInserter ins;
    final Set<ObjectId> inserted;

    Writer(ObjectInserter ins, Set<ObjectId> inserted) {
      this.ins = ins;
      this.inserted = inserted;
    }

    ObjectId child(Object c) {
      try {
        if (c instanceof Node) {
          return write((Node) c, ins, inserted);
        }
        ObjectId id = ((Leaf) c).id();
        byte[] b = blobs.get(id);
        if (b != null && inserted.add(id)) {
          ins.insert(Constants.OBJ_BLOB, b);
        }
        return id;
      } catch (IOException e) {
        throw new UncheckedIo(e);
      }
    }
  }

  /** An IOException carried through a formatting loop. */
  private static final class UncheckedIo extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedIo(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  private TreeFormatter format(Node n, Writer w) {
    List<Map.Entry<String, Object>> sorted = new ArrayList<>(n.entries.entrySet());
    sorted.sort(GIT_ORDER);
    // sized up front: a folder of a thousand entries would otherwise spill into JGit's overflow
    // buffer (the size is only a capacity; a wrong one costs time, not content)
    int size = 0;
    for (Map.Entry<String, Object> e : sorted) {
      Object c = e.getValue();
      size +=
          TreeFormatter.entrySize(
              c instanceof Node ? FileMode.TREE : ((Leaf) c).mode(), utf8(e.getKey()));
    }
    TreeFormatter f = new TreeFormatter(size);
    for (Map.Entry<String, Object> e : sorted) {
      Object c = e.getValue();
      ObjectId id;
      FileMode mode;
      if (c instanceof Node) {
        mode = FileMode.TREE;
        id = w == null ? treeId((Node) c) : w.child(c);
      } else {
        mode = ((Leaf) c).mode();
        id = w == null ? ((Leaf) c).id() : w.child(c);
      }
      f.append(e.getKey(), mode, id);
    }
    return f;
  }

  /** The length of a name in UTF-8, without encoding it. */
  private static int utf8(String name) {
    int n = 0;
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < 0x80) {
        n++;
      } else if (ch < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(ch)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Git orders the entries of a tree by name, a folder's name as if it ended with '/'. */
  private static final Comparator<Map.Entry<String, Object>> GIT_ORDER =
      (a, b) -> {
        String x = a.getKey();
        String y = b.getKey();
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
          int d = x.charAt(i) - y.charAt(i);
          if (d != 0) {
            return d;
          }
        }
        int cx = x.length() > n ? x.charAt(n) : (isTree(a.getValue()) ? '/' : 0);
        int cy = y.length() > n ? y.charAt(n) : (isTree(b.getValue()) ? '/' : 0);
        return cx - cy;
      };

  private static boolean isTree(Object c) {
    return c instanceof Node || ((Leaf) c).mode() == FileMode.TREE;
  }
}
