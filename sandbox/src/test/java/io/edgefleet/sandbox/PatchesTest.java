package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PatchesTest {

  private static JsonNode json(String s) {
    return Json.parse(s.replace('\'', '"'));
  }

  @Test
  void mergePatchFollowsRfc7386() {
    JsonNode target = json("{'a':{'b':1,'c':2},'l':[1,2],'s':'x'}");
    JsonNode patched = Patches.mergePatch(target, json("{'a':{'b':null,'d':3},'l':[3],'s':null}"));
    assertThat(patched).isEqualTo(json("{'a':{'c':2,'d':3},'l':[3]}"));
    assertThat(target)
        .as("the target is not changed")
        .isEqualTo(json("{'a':{'b':1,'c':2},'l':[1,2],'s':'x'}"));
  }

  @Test
  void strategicMergePatchIgnoresOrderingDirectivesAndMergesMaps() {
    JsonNode target = json("{'data':{'a':'1','b':'2'},'metadata':{'labels':{'x':'y'}}}");
    JsonNode patch =
        json(
            "{'$setElementOrder/data':['a','c'],'data':{'b':null,'c':'3'},'metadata':{'labels':{'z':'w'}}}");
    assertThat(Patches.strategicMergePatch(target, patch))
        .isEqualTo(json("{'data':{'a':'1','c':'3'},'metadata':{'labels':{'x':'y','z':'w'}}}"));
  }

  @Test
  void ownerReferencesMergeByUidAndDeleteWithTheDirective() {
    JsonNode target =
        json("{'metadata':{'ownerReferences':[{'uid':'1','name':'a'},{'uid':'2','name':'b'}]}}");
    JsonNode patch =
        json(
            "{'metadata':{'ownerReferences':[{'uid':'2','name':'B'},{'uid':'3','name':'c'},"
                + "{'uid':'1','$patch':'delete'}]}}");
    assertThat(Patches.strategicMergePatch(target, patch).path("metadata").path("ownerReferences"))
        .isEqualTo(json("[{'uid':'2','name':'B'},{'uid':'3','name':'c'}]"));
  }

  @Test
  void finalizersAreASet() {
    JsonNode target = json("{'metadata':{'finalizers':['a','b']}}");
    assertThat(
            Patches.strategicMergePatch(target, json("{'metadata':{'finalizers':['b','c']}}"))
                .path("metadata")
                .path("finalizers"))
        .isEqualTo(json("['a','b','c']"));
    assertThat(
            Patches.strategicMergePatch(
                    target, json("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}"))
                .path("metadata")
                .path("finalizers"))
        .isEqualTo(json("['b']"));
  }

  @Test
  void listsWithoutAMergeKeyAreReplacedAndReplaceDirectivesReplace() {
    JsonNode target = json("{'rules':[{'verbs':['get']}],'data':{'a':'1','b':'2'}}");
    assertThat(
            Patches.strategicMergePatch(target, json("{'rules':[{'verbs':['list']}]}"))
                .path("rules"))
        .isEqualTo(json("[{'verbs':['list']}]"));
    assertThat(
            Patches.strategicMergePatch(target, json("{'data':{'$patch':'replace','c':'3'}}"))
                .path("data"))
        .isEqualTo(json("{'c':'3'}"));
    assertThat(
            Patches.strategicMergePatch(target, json("{'data':{'$patch':'delete'}}")).has("data"))
        .isFalse();
  }

  @Test
  void jsonPatchAppliesOperationsAndReportsOnesThatDoNot() {
    JsonNode target = json("{'a':{'b':1}}");
    assertThat(
            Patches.jsonPatch(
                target,
                json("[{'op':'add','path':'/a/c','value':2},{'op':'remove','path':'/a/b'}]")))
        .isEqualTo(json("{'a':{'c':2}}"));
    assertThatThrownBy(
            () -> Patches.jsonPatch(target, json("[{'op':'test','path':'/a/b','value':9}]")))
        .isInstanceOf(Patches.PatchFailed.class);
    assertThatThrownBy(() -> Patches.jsonPatch(target, json("{}")))
        .isInstanceOf(Patches.PatchFailed.class);
  }
}
