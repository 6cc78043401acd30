package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * helm lint / helm template on the chart, with a fixed release name, namespace and Kubernetes
 * version.
 */
final class Helm {

  static final String RELEASE = "ef";
  static final String NAMESPACE = "edgefleet-system";
  static final String KUBE_VERSION = "1.30.0";

  private Helm() {}

  /** helm lint --strict: warnings fail too. */
  static Processes.Result lint(List<Path> valuesFiles, String... sets) {
    List<String> command = new ArrayList<>(List.of(Tools.helm().toString(), "lint", "--strict"));
    command.add(Repo.chart().toString());
    command.addAll(List.of("--namespace", NAMESPACE, "--kube-version", KUBE_VERSION));
    addValues(command, valuesFiles, sets);
    return Processes.run(command, Repo.root(), null);
  }

  static Processes.Result template(List<Path> valuesFiles, String... sets) {
    return templateFor(KUBE_VERSION, valuesFiles, sets);
  }

  static Processes.Result templateFor(String kubeVersion, List<Path> valuesFiles, String... sets) {
    List<String> command = new ArrayList<>(List.of(Tools.helm().toString(), "template", RELEASE));
    command.add(Repo.chart().toString());
    command.addAll(List.of("--namespace", NAMESPACE, "--kube-version", kubeVersion));
    addValues(command, valuesFiles, sets);
    return Processes.run(command, Repo.root(), null);
  }

  /** helm template, which must succeed, parsed into objects. */
  static Rendered render(List<Path> valuesFiles, String... sets) {
    Processes.Result result = template(valuesFiles, sets);
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    return Rendered.parse(result.stdout());
  }

  static Rendered render(String... sets) {
    return render(List.of(), sets);
  }

  static Rendered renderWith(String valuesFile, String... sets) {
    return render(List.of(Repo.valuesFile(valuesFile)), sets);
  }

  private static void addValues(List<String> command, List<Path> valuesFiles, String... sets) {
    for (Path file : valuesFiles) {
      command.addAll(List.of("--values", file.toString()));
    }
    for (String set : sets) {
      command.addAll(List.of("--set", set));
    }
  }
}
