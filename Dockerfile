# syntax=docker/dockerfile:1
# EdgeFleet operator image. Build from the repository root:
#   docker build -t ghcr.io/edgefleet/edgefleet-operator:0.1.0 .

# --- build: the operator's shaded jar ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole reactor is copied (Maven reads every module of the parent pom); .dockerignore keeps
# build output, tools and VCS data out.
COPY . .
RUN mvn -B -ntp -pl operator -am package -DskipTests

# --- run: a JRE and the jar, nothing else ---
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="edgefleet-operator" \
      org.opencontainers.image.description="EdgeFleet operator: Azure IoT Edge automatic deployments on Kubernetes"
RUN groupadd --system --gid 65532 edgefleet \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin edgefleet
WORKDIR /app
COPY --from=build /src/operator/target/edgefleet-operator.jar /app/edgefleet-operator.jar
# The JVM writes only to /tmp (an emptyDir in the Helm chart, so the root file system can be read-only).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/edgefleet-operator.jar"]
CMD ["operator"]
