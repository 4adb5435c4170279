# SimCseService container. CPU by default; `--build-arg TORCH_BACKEND=cuda` builds the CUDA variant
# (TorchSharp-cuda-linux, then run with `--gpus all` on a host with the NVIDIA container toolkit).
#
# Base images: .NET 10's default tags are Ubuntu 24.04 ("noble"), whose libstdc++ provides
# GLIBCXX_3.4.33, so TorchSharp's native library loads as shipped and the build-time ELF patch
# (build/WeakenGlibcxxVersionNeed.cs) detects that and does nothing.
ARG TORCH_BACKEND=cpu

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TORCH_BACKEND
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/SimCse.Api/SimCse.Api.csproj -c Release -o /app -p:TorchBackend=${TORCH_BACKEND}

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# libgomp for libtorch's OpenMP; fontconfig and a font for the job report's SVG text (ScottPlot via
# SkiaSharp); curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 fontconfig fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
USER app
# DOTNET_gcServer=1: the same server GC the project file selects (measured: bench/results/gc-mode-2026-12-01.md),
# spelled out so an operator sees where to switch it (0 = workstation GC).
ENV ASPNETCORE_URLS=http://+:8080 \
    SimCse__DataDirectory=/data \
    DOTNET_gcServer=1
# Keys: a service with no API keys serves loopback callers only and stops on a non-loopback bind such as
# this one. Pass SimCse__Auth__ApiKeys__0 / SimCse__Auth__AdminApiKeys__0 (deploy/ reads them from a Secret),
# or SimCse__Auth__AllowAnonymous=true to serve anonymously on purpose.
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "SimCse.Api.dll"]
