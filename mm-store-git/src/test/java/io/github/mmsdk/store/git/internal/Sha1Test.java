package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

class Sha1Test {

  private static byte[] bytes(List<Integer> values) {
    byte[] b = new byte[values.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values.get(i).intValue();
    }
    return b;
  }

  @Test
  void ids_equal_the_ones_jgit_computes_for_blobs_and_trees() {
    Sha1 sha1 = new Sha1();
    ObjectInserter.Formatter jgit = new ObjectInserter.Formatter();
    qt().withFixedSeed(20261123L)
        .withExamples(500)
        .forAll(
            lists().of(integers().between(-128, 127)).ofSizeBetween(0, 300),
            integers().between(0, 1))
        .checkAssert(
            (values, kind) -> {
              int type = kind == 0 ? Constants.OBJ_BLOB : Constants.OBJ_TREE;
              byte[] data = bytes(values);
              assertThat(sha1.id(type, data)).isEqualTo(jgit.idFor(type, data));
            });
  }

  @Test
  void a_large_object_hashes_like_jgit() {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + (i >> 7));
    }
    assertThat(new Sha1().id(Constants.OBJ_BLOB, data))
        .isEqualTo(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, data));
  }
}
