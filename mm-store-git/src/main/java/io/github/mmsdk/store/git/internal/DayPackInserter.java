package io.github.mmsdk.store.git.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;

/**
 * Writes the objects of one commit as one pack (version 2, objects whole, no deltas) with its
 * version-2 index, hashing with the JDK's SHA-1 ({@link MessageDigest}, compiled to the processor's
 * SHA instructions where it has them) instead of JGit's collision-detecting pure-Java one, which
 * JGit's {@code PackInserter} uses unless a process-wide setting says otherwise. The files are
 * those {@code PackInserter} writes for the same objects (same object order, deflate level, pack
 * name and index; property-tested byte for byte): the pack is built in memory, written to a
 * temporary file, renamed into {@code objects/pack} before its index, and handed to the object
 * directory. Objects inserted are readable only after {@link #flush()}.
 */
final class DayPackInserter extends ObjectInserter {
  private final ObjectDirectory db;
  private final MessageDigest md;
  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final Set<ObjectId> seen = new HashSet<>();
  private final List<Entry> entries = new ArrayList<>();
  private final Buffer pack = new Buffer();

  /** An object in the pack: its id, offset and the CRC-32 of its stored bytes. */
  private record Entry(ObjectId id, int offset, int crc) {}

  /** A byte buffer whose array the writer reads directly. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(64 * 1024);
    }

    byte[] array() {
      return buf;
    }
  }

  /**
   * An inserter into an object directory.
   *
   * @param db the object directory
   * @param level the deflate level of the objects
   */
  DayPackInserter(ObjectDirectory db, int level) {
    this.db = db;
    this.deflater = new Deflater(level);
    try {
      this.md = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e); // every JDK must have it
    }
    pack.write(header(0), 0, 12); // the count is set when the pack is written
  }

  private static byte[] header(int count) {
    byte[] h = {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0};
    putInt(h, 8, count);
    return h;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private ObjectId idOf(int type, byte[] data, int off, int len) {
    md.reset();
    md.update(Constants.encodedTypeString(type));
    md.update((byte) ' ');
    md.update(Constants.encodeASCII(len));
    md.update((byte) 0);
    md.update(data, off, len);
    return ObjectId.fromRaw(md.digest());
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
    ObjectId id = idOf(type, data, off, len);
    if (!seen.add(id)) {
      return id;
    }
    int offset = pack.size();
    // the object header: type and size, 4 bits then 7 bits per byte
    byte[] h = new byte[16];
    long size = len;
    int n = 0;
    int first = (int) ((type << 4) | (size & 0x0F));
    size >>>= 4;
    h[n++] = (byte) (size > 0 ? first | 0x80 : first);
    while (size > 0) {
      int b = (int) (size & 0x7F);
      size >>>= 7;
      h[n++] = (byte) (size > 0 ? b | 0x80 : b);
    }
    pack.write(h, 0, n);
    deflater.reset();
    try (DeflaterOutputStream z = new DeflaterOutputStream(pack, deflater, 8192)) {
      z.write(data, off, len);
      z.finish();
    }
    crc.reset();
    crc.update(pack.array(), offset, pack.size() - offset);
    entries.add(new Entry(id, offset, (int) crc.getValue()));
    return id;
  }

  @Override
  public ObjectId insert(int type, long len, InputStream in) throws IOException {
    if (len > Integer.MAX_VALUE - 64) {
      throw new IOException("object too large for a staged pack: " + len + " bytes");
    }
    byte[] data = in.readNBytes((int) len);
    if (data.length != len) {
      throw new java.io.EOFException("object shorter than announced: " + data.length);
    }
    return insert(type, data, 0, data.length);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("a staged pack inserter parses no packs");
  }

  @Override
  public ObjectReader newReader() {
    return db.newReader();
  }

  @Override
  public void flush() throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    byte[] bytes = pack.array();
    int length = pack.size();
    putInt(bytes, 8, entries.size());
    md.reset();
    md.update(bytes, 0, length);
    byte[] packHash = md.digest();

    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    md.reset();
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    for (Entry e : sorted) {
      e.id().copyRawTo(raw, 0);
      md.update(raw);
    }
    String name = "pack-" + ObjectId.fromRaw(md.digest()).name();

    File dir = new File(db.getDirectory(), "pack");
    File tmpPack = File.createTempFile("insert_", ".pack", db.getDirectory());
    File tmpIdx = new File(db.getDirectory(), tmpPack.getName().replace(".pack", ".idx"));
    try {
      try (OutputStream out = new FileOutputStream(tmpPack)) {
        out.write(bytes, 0, length);
        out.write(packHash);
      }
      try (OutputStream out = new FileOutputStream(tmpIdx)) {
        out.write(index(sorted, packHash));
      }
      File realPack = new File(dir, name + ".pack");
      File realIdx = new File(dir, name + ".idx");
      tmpPack.setReadOnly();
      tmpIdx.setReadOnly();
      move(tmpPack, realPack);
      move(tmpIdx, realIdx);
      db.openPack(realPack);
    } finally {
      Files.deleteIfExists(tmpPack.toPath());
      Files.deleteIfExists(tmpIdx.toPath());
    }
    entries.clear();
    seen.clear();
    pack.reset();
    pack.write(header(0), 0, 12);
  }

  private static void move(File from, File to) throws IOException {
    try {
      Files.move(from.toPath(), to.toPath(), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The version-2 index of a pack: fan-out, ids, CRC-32s, offsets (4 bytes each: a pack built in
   * memory stays below 2 GiB), pack hash, own hash.
   */
  private byte[] index(List<Entry> sorted, byte[] packHash) {
    int n = sorted.size();
    byte[] idx = new byte[8 + 256 * 4 + n * (20 + 4 + 4) + 40];
    byte[] magic = {(byte) 0xff, 't', 'O', 'c', 0, 0, 0, 2};
    System.arraycopy(magic, 0, idx, 0, 8);
    int[] fanout = new int[256];
    for (Entry e : sorted) {
      fanout[e.id().getFirstByte()]++;
    }
    int at = 8;
    int sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += fanout[i];
      putInt(idx, at, sum);
      at += 4;
    }
    for (Entry e : sorted) {
      e.id().copyRawTo(idx, at);
      at += 20;
    }
    for (Entry e : sorted) {
      putInt(idx, at, e.crc());
      at += 4;
    }
    for (Entry e : sorted) {
      putInt(idx, at, e.offset());
      at += 4;
    }
    System.arraycopy(packHash, 0, idx, at, 20);
    at += 20;
    md.reset();
    md.update(idx, 0, at);
    System.arraycopy(md.digest(), 0, idx, at, 20);
    return idx;
  }

  @Override
  public void close() {
    deflater.end();
    entries.clear();
    seen.clear();
  }
}
