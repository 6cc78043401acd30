package io.edgefleet.testfixtures;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** Answers the mock API server cannot give by itself, as a real API server gives them. */
public final class MockApiServers {

  private MockApiServers() {}

  /**
   * Answers the operator's check that it may use Leases (a SelfSubjectRulesReview, which the mock
   * does not implement) with the rules leader election needs, for every such request.
   */
  public static void allowLeaseChecks(KubernetesMockServer server) {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }
}
