package io.edgefleet.engine.route;

import java.util.List;

/** Lets property tests in other packages use the route table as seeds. */
public final class RouteCasesAccess {

  private RouteCasesAccess() {}

  public static List<String> cases() throws Exception {
    return RouteCasesTest.cases().stream().map(RouteCasesTest.Case::text).toList();
  }
}
