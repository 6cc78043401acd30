package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricQueryTest {

  @Test
  void withoutWhereEveryDeviceCounts() throws QueryException {
    MetricQuery query = QueryParser.parseMetricQuery("select deviceId from devices");
    assertThat(query.hasWhere()).isFalse();
    assertThat(query.selectsAll()).isFalse();
    assertThat(query.where().matchesEverything()).isTrue();
    assertThat(query.matches(Fixtures.twin("bare"))).isTrue();
    assertThat(query.canonical()).isEqualTo("SELECT deviceId FROM devices");
  }

  @Test
  void whereKeepsItsOwnTextAndCanonicalForm() throws QueryException {
    MetricQuery query =
        QueryParser.parseMetricQuery(
            "SELECT *\n  FROM devices\n  WHERE properties.reported.lastDesiredStatus.code=200  ");
    assertThat(query.hasWhere()).isTrue();
    assertThat(query.selectsAll()).isTrue();
    assertThat(query.where().text()).isEqualTo("properties.reported.lastDesiredStatus.code=200");
    assertThat(query.canonical())
        .isEqualTo("SELECT * FROM devices WHERE properties.reported.lastDesiredStatus.code = 200");
    assertThat(query.toString()).isEqualTo(query.canonical());
    assertThat(query.text()).startsWith("SELECT *\n");
    assertThat(query.matches(Fixtures.twin("office"))).isTrue();
    assertThat(query.matches(Fixtures.twin("lab"))).isFalse();
  }

  @Test
  void queriesAreEqualWhenTheyCountTheSameWay() throws QueryException {
    assertThat(QueryParser.parseMetricQuery("SELECT deviceId FROM devices WHERE tags.a=1"))
        .isEqualTo(QueryParser.parseMetricQuery("select deviceId from DEVICES where tags.a = 1"))
        .isNotEqualTo(QueryParser.parseMetricQuery("SELECT * FROM devices WHERE tags.a = 1"));
  }
}
