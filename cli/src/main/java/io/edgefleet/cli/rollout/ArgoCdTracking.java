package io.edgefleet.cli.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Whether Argo CD manages an object (docs/gitops.md): its tracking annotation ({@code
 * argocd.argoproj.io/tracking-id}, {@code <app>:<group>/<kind>:<namespace>/<name>}) or its tracking
 * label ({@code app.kubernetes.io/instance}, the application's name).
 */
record ArgoCdTracking(String application) {

  static final String TRACKING_ANNOTATION = "argocd.argoproj.io/tracking-id";
  static final String TRACKING_LABEL = "app.kubernetes.io/instance";

  /** The application managing {@code object}, or null when Argo CD does not track it. */
  static ArgoCdTracking of(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String id = annotations == null ? null : annotations.get(TRACKING_ANNOTATION);
    if (id != null && !id.isBlank()) {
      int colon = id.indexOf(':');
      return new ArgoCdTracking(colon > 0 ? id.substring(0, colon) : id);
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    String instance = labels == null ? null : labels.get(TRACKING_LABEL);
    return instance == null || instance.isBlank() ? null : new ArgoCdTracking(instance);
  }
}
