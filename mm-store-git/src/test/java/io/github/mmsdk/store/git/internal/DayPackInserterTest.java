package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packs of {@link DayPackInserter} are those JGit's {@code PackInserter} writes. */
class DayPackInserterTest {
  @TempDir Path dir;

  private static FileRepository repo(Path p) throws IOException {
    FileRepository r = new FileRepository(p.toFile());
    r.create(true);
    return r;
  }

  /** Every file of objects/pack, name to bytes. */
  private static Map<String, byte[]> packFiles(FileRepository r) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(r.getObjectsDirectory().toPath().resolve("pack"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** Objects from seeds: a type, a size (some large, to cross the deflate buffer), repeats. */
  private static List<Object[]> objects(List<Integer> seeds) {
    List<Object[]> out = new ArrayList<>();
    for (int seed : seeds) {
      Random r = new Random(seed % 50); // equal seeds modulo 50: the same object again
      int type = r.nextBoolean() ? Constants.OBJ_BLOB : Constants.OBJ_TREE;
      int size = r.nextInt(8) == 0 ? 20_000 + r.nextInt(70_000) : r.nextInt(400);
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) (r.nextInt(6) == 0 ? r.nextInt(256) : 'a' + r.nextInt(4));
      }
      out.add(new Object[] {type, data});
    }
    return out;
  }

  @Test
  void writes_the_pack_and_index_pack_inserter_writes_and_both_read_back() {
    int[] run = {0};
    qt().withFixedSeed(20261123L)
        .withExamples(40)
        .forAll(
            lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 40), integers().between(1, 3))
        .checkAssert(
            (seeds, flushes) -> {
              try {
                run[0]++;
                FileRepository jgit = repo(dir.resolve("jgit" + run[0]));
                FileRepository ours = repo(dir.resolve("ours" + run[0]));
                List<Object[]> objects = objects(seeds);
                List<ObjectId> ids = new ArrayList<>();
                try (PackInserter a =
                        ((ObjectDirectory) jgit.getObjectDatabase()).newPackInserter();
                    DayPackInserter b =
                        new DayPackInserter(
                            (ObjectDirectory) ours.getObjectDatabase(), Deflater.BEST_SPEED)) {
                  a.checkExisting(false);
                  a.setCompressionLevel(Deflater.BEST_SPEED);
                  for (int i = 0; i < objects.size(); i++) {
                    int type = (Integer) objects.get(i)[0];
                    byte[] data = (byte[]) objects.get(i)[1];
                    ObjectId id = a.insert(type, data);
                    ObjectId mine =
                        i % 2 == 0
                            ? b.insert(type, data)
                            : b.insert(type, data.length, new ByteArrayInputStream(data));
                    assertThat(mine).isEqualTo(id);
                    ids.add(id);
                    if (flushes > 1 && i % (objects.size() / flushes + 1) == 0) {
                      a.flush();
                      b.flush();
                    }
                  }
                  a.flush();
                  b.flush();
                  b.flush(); // nothing left: no empty pack
                }
                Map<String, byte[]> expected = packFiles(jgit);
                Map<String, byte[]> actual = packFiles(ours);
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                expected.forEach(
                    (name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
                try (ObjectReader rd = ours.newObjectReader()) {
                  for (int i = 0; i < ids.size(); i++) {
                    assertThat(rd.open(ids.get(i)).getCachedBytes())
                        .isEqualTo((byte[]) objects.get(i)[1]);
                  }
                }
                jgit.close();
                ours.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @Test
  void parses_no_packs_and_reads_what_was_flushed() throws IOException {
    FileRepository r = repo(dir.resolve("r"));
    try (ObjectInserter ins =
        new DayPackInserter((ObjectDirectory) r.getObjectDatabase(), Deflater.BEST_SPEED)) {
      assertThatThrownBy(() -> ins.newPackParser(new ByteArrayInputStream(new byte[0])))
          .isInstanceOf(UnsupportedOperationException.class);
      byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThatThrownBy(() -> ins.insert(Constants.OBJ_BLOB, 10, new ByteArrayInputStream(data)))
          .isInstanceOf(java.io.EOFException.class);
      ObjectId id = ins.insert(Constants.OBJ_BLOB, data);
      ins.flush();
      try (ObjectReader rd = ins.newReader()) {
        assertThat(rd.open(id, Constants.OBJ_BLOB).getCachedBytes()).isEqualTo(data);
      }
    }
    r.close();
  }
}
