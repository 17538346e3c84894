# Runs the jar that `mvn -q -DskipTests package` builds; the embedding model is inside it.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/caravan
COPY target/caravan.jar caravan.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/caravan/caravan.jar"]
