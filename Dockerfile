# The deployflow worker as an image (also the demo target's, with another command; see
# docker-compose.yml). Two stages: Maven builds every module, and only the runnable jars, the
# pipelines and the demo's scripts go into a JRE image that runs as an unprivileged user.
#
#   docker build -t deployflow/worker:0.1.0 .

# --- build ---------------------------------------------------------------------------------
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# `package`, never `install`: the reactor hands each module's jar to the next.
RUN mvn -B -ntp -q -pl worker,demo -am package -Dmaven.test.skip=true \
    && cp worker/target/deployflow-worker-0.1.0-SNAPSHOT-exec.jar /src/deployflow-worker.jar

# --- run -----------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.16_8-jre-noble
# bash, tar and sha256sum run the demo pipeline's build and migration scripts.
RUN groupadd --system --gid 10001 deployflow \
    && useradd --system --uid 10001 --gid deployflow --home-dir /app --shell /usr/sbin/nologin deployflow
WORKDIR /app
COPY --from=build /src/deployflow-worker.jar /app/deployflow-worker.jar
COPY --from=build /src/demo/target/deployflow-demo.jar /app/demo/deployflow-demo.jar
COPY --from=build /src/demo/target/lib/ /app/demo/lib/
COPY pipelines/ /app/pipelines/
COPY demo/ci/ /app/demo/ci/
# var/ holds the release log, the post-mortems and the demo's builds: the only writable place.
RUN mkdir -p /app/var && chown -R deployflow:deployflow /app/var
USER 10001:10001
ENV DEPLOYFLOW_PIPELINES_DIR=/app/pipelines
EXPOSE 8088
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/deployflow-worker.jar"]
