# The simulator image (SMSC simulator by default; "demo" for the all-in-one demo).
#   docker build -f docker/simulator.Dockerfile -t betang/simulator .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/betang betang
WORKDIR /opt/betang
COPY simulator/target/betang-simulator.jar /opt/betang/betang-simulator.jar
USER betang
EXPOSE 2775
ENTRYPOINT ["java", "-jar", "/opt/betang/betang-simulator.jar"]
CMD ["--port", "2775", "--system-id", "betang", "--password", "demopass"]
