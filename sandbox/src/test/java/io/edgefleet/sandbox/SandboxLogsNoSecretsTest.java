package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With the shipped logging configuration (the operator's {@code logback.xml}, which the {@code
 * edgefleet sandbox} command uses) at TRACE, every Secret operation through the sandbox leaves no
 * Secret value in any log line, whether plain or base64.
 */
class SandboxLogsNoSecretsTest {

  private static final String VALUE = "pa55-Wh1sper-7731";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restoreTestLogging() throws Exception {
    configure(Thread.currentThread().getContextClassLoader().getResource("logback-test.xml"), null);
  }

  @Test
  void noLevelLogsSecretContents() throws Exception {
    URL shipped = Thread.currentThread().getContextClassLoader().getResource("logback.xml");
    assertThat(shipped).as("the operator's logback.xml on the class path").isNotNull();
    configure(shipped, "TRACE");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
    assertThat(context.getLogger("io.edgefleet.sandbox").isTraceEnabled()).isTrue();

    try (SandboxApiServer server = SandboxApiServer.builder().build().start()) {
      KubernetesClient client = server.client();
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build())
          .create();
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("db")
                  .withNamespace("ns")
                  .endMetadata()
                  .withStringData(Map.of("password", VALUE))
                  .build())
          .create();
      Secret read = client.secrets().inNamespace("ns").withName("db").get();
      assertThat(read.getData()).containsEntry("password", b64(VALUE));
      client.secrets().inNamespace("ns").list();
      client.secrets().inAnyNamespace().withLabel("x").list();
      client
          .secrets()
          .inNamespace("ns")
          .withName("db")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"stringData\":{\"token\":\"" + VALUE + "-2\"}}");
      client
          .secrets()
          .inNamespace("ns")
          .withName("db")
          .edit(
              s -> {
                s.getMetadata().setLabels(Map.of("x", "y"));
                return s;
              });
      // a refused write echoes nothing either
      try {
        client
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("Bad_Name")
                    .withNamespace("ns")
                    .endMetadata()
                    .withStringData(Map.of("password", VALUE))
                    .build())
            .create();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException expected) {
        // 422
      }
      client.secrets().inNamespace("ns").withName("db").delete();
    }

    List<ILoggingEvent> events = List.copyOf(captured.list);
    assertThat(events).as("TRACE logging captured something").isNotEmpty();
    for (ILoggingEvent event : events) {
      String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
      assertThat(text)
          .as("%s at %s", event.getLoggerName(), event.getLevel())
          .doesNotContain(VALUE)
          .doesNotContain(b64(VALUE))
          .doesNotContain(b64(VALUE + "-2"));
    }
  }

  private void configure(URL file, String level) throws Exception {
    context.reset();
    if (level != null) {
      context.putProperty("EDGEFLEET_LOG_LEVEL", level);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(file);
  }

  private static String throwableText(IThrowableProxy proxy) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      text.append(' ').append(p.getMessage());
    }
    return text.toString();
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
