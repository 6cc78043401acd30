package io.edgefleet.validation;

import java.util.Set;

/** The fields of Kubernetes object metadata ({@code ObjectMeta}) that an API server keeps. */
public final class ObjectMetaFields {

  /** Every ObjectMeta field name. */
  public static final Set<String> NAMES =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  private ObjectMetaFields() {}
}
