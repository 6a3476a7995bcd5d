# syntax=docker/dockerfile:1.7
# One image for every process of the suite: the five Kafka Streams services, the producers, the
# MongoDB sink and the ./streammesh tools. docker-compose.yaml picks the jar per container:
#   docker run --rm streammesh:local /app/station-enrichment.jar --help

# ---- build: the whole reactor with the Maven wrapper (pinned Maven from Maven Central), tests
# skipped (CI runs them: ./mvnw -B verify) ----
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY . .
# BuildKit keeps the Maven repository (and the wrapper's Maven) between builds, so a code change
# does not download the world
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

# ---- runtime: a JRE, the runnable jars, a non-root user ----
# Ubuntu (glibc) rather than Alpine: Kafka Streams' RocksDB ships glibc natives only (the jars leave musl out)
FROM eclipse-temurin:17-jre-jammy AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 streammesh \
 && useradd --system --uid 10001 --gid streammesh --home-dir /var/lib/streammesh --create-home \
      --shell /usr/sbin/nologin streammesh
WORKDIR /app
COPY --from=build /src/producers/target/producers.jar /app/producers.jar
COPY --from=build /src/station-enrichment/target/station-enrichment.jar /app/station-enrichment.jar
COPY --from=build /src/customer-enrichment/target/customer-enrichment.jar /app/customer-enrichment.jar
COPY --from=build /src/inventory-redistribution/target/inventory-redistribution.jar /app/inventory-redistribution.jar
COPY --from=build /src/marketplace-jobs/target/marketplace-jobs.jar /app/marketplace-jobs.jar
COPY --from=build /src/truck-tracker/target/truck-tracker.jar /app/truck-tracker.jar
COPY --from=build /src/mongo-sink/target/mongo-sink.jar /app/mongo-sink.jar
COPY --from=build /src/local-stack/target/local-stack.jar /app/local-stack.jar
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/streammesh-entrypoint
COPY docker/local.properties /etc/streammesh/client.properties

# Kafka Streams state (RocksDB) lives here; it is rebuilt from the changelog topics when lost
ENV STREAMMESH_CONFIG=/etc/streammesh/client.properties \
    STREAMMESH_STATE_DIR=/var/lib/streammesh/state \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["streammesh-entrypoint"]
CMD ["/app/local-stack.jar", "--help"]
