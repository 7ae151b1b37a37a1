package io.github.mmsdk.api;

/** Deliberately wrong: the root package must not know a contract package. */
public class RootUsingSubPackage {
  final io.github.mmsdk.api.exit.ExitState state = io.github.mmsdk.api.exit.ExitState.NORMAL;
}
