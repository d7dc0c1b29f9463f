# Opsline as a container. Build: docker build -t opsline .   Run: see docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY schema.graphqls ./
COPY views views
COPY src/main src/main
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --create-home --home-dir /var/lib/opsline opsline
COPY --from=build /src/target/opsline.jar /opt/opsline/opsline.jar
# Without OPSLINE_DATABASE_URL the embedded PostgreSQL keeps its data here; mount a volume on it.
ENV OPSLINE_DATA_DIR=/var/lib/opsline/data
WORKDIR /var/lib/opsline
USER opsline
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/opsline/opsline.jar"]
