package io.edgefleet.sandbox;

/**
 * What a resource request addresses.
 *
 * @param resource the resource type
 * @param namespace the namespace; null for cluster-scoped resources and for all namespaces
 * @param name the object's name; null for the collection
 * @param status whether the request is for the {@code status} subresource
 */
record Target(ApiResource resource, String namespace, String name, boolean status) {

  /** The path of the object in the store. */
  String objectPath() {
    return resource.objectPath(namespace, name);
  }
}
