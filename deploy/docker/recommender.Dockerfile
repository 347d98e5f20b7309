# syntax=docker/dockerfile:1
# recommender (Streaming.Recommender). Build context = repository root:
#   docker build -f deploy/docker/recommender.Dockerfile -t streaming/recommender .
# The build stage runs on the builder's platform and cross-publishes for the target (-a $TARGETARCH),
# so multi-arch images build without emulation. NuGet packages live in a BuildKit cache, not in a layer.
ARG DOTNET_VERSION=10.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
ARG PROJECT=services/Streaming.Recommender/Streaming.Recommender.csproj
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/ shared/
COPY services/Streaming.Recommender/ services/Streaming.Recommender/
COPY deploy/docker/HealthProbe/ deploy/docker/HealthProbe/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore "$PROJECT" -a "$TARGETARCH" \
 && dotnet restore deploy/docker/HealthProbe/HealthProbe.csproj
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish "$PROJECT" -c Release -a "$TARGETARCH" --no-restore --no-self-contained -p:UseAppHost=false -o /out/app \
 && dotnet publish deploy/docker/HealthProbe/HealthProbe.csproj -c Release --no-restore -o /out/app/healthprobe \
 && test -f /out/app/Streaming.Recommender.dll \
 && mkdir -p /out/snapshots

# Chiseled Ubuntu 24.04: no shell, no package manager, non-root user "app" (UID 1654).
# librdkafka: the centos8 x64 build and the default arm64 build need only glibc, which is here;
# Streaming.Messaging.KafkaNative loads the right file from the flattened (RID-specific) publish output.
# Read-only root file system: nothing is written outside /tmp (mount a tmpfs/emptyDir there) and the catalog snapshot volume.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /out/app ./
# Owned by "app": a fresh named volume mounted here starts as a directory "app" can write.
COPY --from=build --chown=1654:1654 /out/snapshots /var/lib/streaming/catalog
ENV ASPNETCORE_HTTP_PORTS=8080 \
    OTEL_SERVICE_NAME=recommender \
    Catalog__SnapshotDirectory=/var/lib/streaming/catalog
EXPOSE 8080
USER 1654
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/healthprobe/HealthProbe.dll", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "Streaming.Recommender.dll"]
