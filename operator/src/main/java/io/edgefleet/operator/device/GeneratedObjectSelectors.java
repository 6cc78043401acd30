package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;

/** Label selectors of the generated objects the operator watches. */
final class GeneratedObjectSelectors {

  /** Device ConfigMaps. */
  static final String CONFIGURATION =
      GeneratedObjects.MANAGED_SELECTOR
          + ","
          + GeneratedObjects.COMPONENT_LABEL
          + "="
          + GeneratedObjects.CONFIGURATION_COMPONENT;

  private GeneratedObjectSelectors() {}
}
