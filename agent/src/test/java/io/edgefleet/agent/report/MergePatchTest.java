package io.edgefleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void sendsOnlyWhatDiffers() throws Exception {
    ObjectNode current =
        json("{'devicemodel':'4000x','lastDesiredVersion':'a','lastDesiredStatus':{'code':200}}");
    ObjectNode desired =
        json("{'devicemodel':'4000x','lastDesiredVersion':'b','lastDesiredStatus':{'code':200}}");
    assertThat(MergePatch.diff(current, desired)).isEqualTo(json("{'lastDesiredVersion':'b'}"));
  }

  @Test
  void leavesTopLevelPropertiesItDoesNotReportAlone() throws Exception {
    ObjectNode current = json("{'firmware':'1.2','devicemodel':'4000x'}");
    ObjectNode desired = json("{'devicemodel':'4000x'}");
    assertThat(MergePatch.diff(current, desired)).isEmpty();
  }

  @Test
  void removesModulesThatAreGone() throws Exception {
    ObjectNode current =
        json("{'modules':{'a':{'runtimeStatus':'running'},'b':{'runtimeStatus':'running'}}}");
    ObjectNode desired = json("{'modules':{'a':{'runtimeStatus':'backoff','exitCode':1}}}");
    ObjectNode patch = MergePatch.diff(current, desired);
    assertThat(patch)
        .isEqualTo(json("{'modules':{'a':{'runtimeStatus':'backoff','exitCode':1},'b':null}}"));
    assertThat(MergePatch.apply(current, patch)).isEqualTo(desired);
  }

  @Test
  void aModuleHeldAsNullIsNotRemovedAgain() throws Exception {
    ObjectNode current = json("{'modules':{'a':{'runtimeStatus':'running'},'b':null}}");
    ObjectNode desired = json("{'modules':{'a':{'runtimeStatus':'running'}}}");
    assertThat(MergePatch.diff(current, desired)).isEmpty();
  }

  @Test
  void comparesNumbersByValue() throws Exception {
    ObjectNode current = json("{'lastDesiredStatus':{'code':200},'ratio':1.0}");
    ObjectNode desired = JSON.createObjectNode();
    desired.putObject("lastDesiredStatus").put("code", 200L);
    desired.put("ratio", 1);
    assertThat(MergePatch.diff(current, desired)).isEmpty();
  }

  @Test
  void replacesAValueOfAnotherShape() throws Exception {
    ObjectNode current = json("{'location':'b20'}");
    ObjectNode desired = json("{'location':{'building':20}}");
    ObjectNode patch = MergePatch.diff(current, desired);
    assertThat(patch).isEqualTo(desired);
    assertThat(MergePatch.apply(current, patch)).isEqualTo(desired);
  }

  @Test
  void startsFromNothing() throws Exception {
    ObjectNode desired = json("{'devicemodel':'4000x','modules':{}}");
    assertThat(MergePatch.diff(null, desired)).isEqualTo(desired);
  }
}
