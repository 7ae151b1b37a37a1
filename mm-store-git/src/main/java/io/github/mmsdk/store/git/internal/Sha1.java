package io.github.mmsdk.store.git.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Git object ids computed with the JDK's SHA-1 ({@link MessageDigest}, which the JIT compiles to
 * the processor's SHA instructions where it has them), for the ids the store computes itself while
 * staging. The ids equal JGit's; JGit's own hashing (its collision-detecting pure-Java SHA-1 unless
 * the application chose otherwise) is left as it is, since its choice is a process-wide setting.
 * One instance per thread (not thread-safe).
 */
final class Sha1 {
  private final MessageDigest md;

  Sha1() {
    try {
      md = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e); // every JDK must have it
    }
  }

  /**
   * The id of an object.
   *
   * @param type the object type ({@link Constants#OBJ_BLOB}, {@link Constants#OBJ_TREE}, ...)
   * @param data the object's content
   * @return its id, as Git computes it
   */
  ObjectId id(int type, byte[] data) {
    md.reset();
    md.update(Constants.encodedTypeString(type));
    md.update((byte) ' ');
    md.update(Integer.toString(data.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0);
    md.update(data);
    return ObjectId.fromRaw(md.digest());
  }
}
