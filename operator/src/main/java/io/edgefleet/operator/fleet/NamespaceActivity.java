package io.edgefleet.operator.fleet;

/** Told when something about a namespace's devices changed, so deployment counts get recomputed. */
@FunctionalInterface
public interface NamespaceActivity {

  /** Something about the devices of {@code namespace} changed. */
  void changed(String namespace);
}
