# The gateway image. Build the jar first (mvn -DskipTests package), then from the repository root:
#   docker build -f docker/gateway.Dockerfile -t betang/gateway .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/betang betang
WORKDIR /opt/betang
COPY gateway/target/betang-gateway.jar /opt/betang/betang-gateway.jar
USER betang
EXPOSE 8080
# configuration comes from BETANG_* variables (see gateway/betang.sample.yaml); secrets via the orchestrator
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/betang/betang-gateway.jar"]
