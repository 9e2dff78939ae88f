# The simulator image: the SMSC simulator with its web phone by default; "demo" for the all-in-one demo.
# Build the jar first (mvn -DskipTests package), then from the repository root:
#   docker build -f docker/simulator.Dockerfile -t betang/simulator .
#   docker run --rm -p 2775:2775 -p 8081:8081 betang/simulator            # SMSC + web phone
#   docker run --rm -it -p 8081:8081 -p 8080:8080 betang/simulator demo   # the whole demo, see docker/README.md
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/betang betang
WORKDIR /opt/betang
COPY simulator/target/betang-simulator.jar /opt/betang/betang-simulator.jar
USER betang
# the web phone listens on every address of the container, so a published port reaches it (the jar's own
# default is loopback only)
ENV BETANG_WEB_HOST=0.0.0.0
# SMPP, web phone and control API, and (demo) the demo gateway's HTTP
EXPOSE 2775 8081 8080
ENTRYPOINT ["java", "-jar", "/opt/betang/betang-simulator.jar"]
CMD ["--port", "2775", "--system-id", "betang", "--password", "demopass"]
