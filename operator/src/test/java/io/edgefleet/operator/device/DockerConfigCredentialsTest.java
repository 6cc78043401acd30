package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code auths} entry of a .dockerconfigjson serves a registry address, as kubelet picks. */
class DockerConfigCredentialsTest {

  @ParameterizedTest(name = "{0} for {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "contoso.azurecr.io                 | contoso.azurecr.io         | u",
        "https://contoso.azurecr.io         | contoso.azurecr.io         | u",
        "https://contoso.azurecr.io/        | contoso.azurecr.io         | u",
        "contoso.azurecr.io                 | contoso.azurecr.io/team    | u",
        "contoso.azurecr.io/team            | contoso.azurecr.io/team/x  | u",
        "contoso.azurecr.io/team            | contoso.azurecr.io/other   | none",
        "contoso.azurecr.io/team            | contoso.azurecr.io         | none",
        "*.azurecr.io                       | contoso.azurecr.io         | u",
        "*.azurecr.io                       | azurecr.io                 | none",
        "*.azurecr.io                       | a.b.azurecr.io             | none",
        "registry.local:5000                | registry.local:5000        | u",
        "registry.local:5000                | registry.local             | none",
        "registry.local                     | registry.local:5000        | none",
        "https://index.docker.io/v1/        | docker.io                  | u",
        "docker.io                          | index.docker.io            | u",
        "fabrikam.azurecr.io                | contoso.azurecr.io         | none",
        "contoso.azurecr.io.evil.example    | contoso.azurecr.io         | none",
      })
  void matchesAsKubeletDoes(String key, String address, String expectedUser) {
    String json = "{\"auths\":{\"" + key + "\":{\"username\":\"u\",\"password\":\"p\"}}}";
    DockerConfigCredentials.Credentials found = DockerConfigCredentials.find(json, address);
    if (expectedUser == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).isEqualTo(new DockerConfigCredentials.Credentials("u", "p"));
    }
  }

  @ParameterizedTest(name = "most specific of several keys for {0}")
  @CsvSource({
    "contoso.azurecr.io/team/app, team",
    "contoso.azurecr.io/other, host",
  })
  void theMostSpecificKeyWins(String address, String expectedUser) {
    String json =
        "{\"auths\":{"
            + "\"contoso.azurecr.io\":{\"username\":\"host\",\"password\":\"p1\"},"
            + "\"contoso.azurecr.io/team\":{\"username\":\"team\",\"password\":\"p2\"}}}";
    assertThat(DockerConfigCredentials.find(json, address).username()).isEqualTo(expectedUser);
  }

  @ParameterizedTest(name = "auth field {0}")
  @CsvSource({"robot:s3cr:et, robot, s3cr:et", "nocolon, , "})
  void readsTheAuthField(String auth, String user, String password) {
    String encoded = Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8));
    String json = "{\"auths\":{\"contoso.azurecr.io\":{\"auth\":\"" + encoded + "\"}}}";
    DockerConfigCredentials.Credentials found =
        DockerConfigCredentials.find(json, "contoso.azurecr.io");
    if (user == null) {
      assertThat(found).isNull();
    } else {
      assertThat(found).isEqualTo(new DockerConfigCredentials.Credentials(user, password));
    }
  }
}
