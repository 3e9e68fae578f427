# ActorSync GraphQL API: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t actorsync .
#   docker run --rm -p 8080:8080 -e TMDB_API_KEY=... actorsync        # or -e TMDB_MODE=offline
# Render builds this file from render.yaml (runtime: docker).

# --- build -------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build

# node + npm for the npm steps of the build (the GraphQL IDE's assets are installed with `npm ci`).
# The .NET 10 images are Ubuntu based, so these are the distribution's own packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Restore first, from the project files only, so that the package layer is cached until they change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY ActorSync.Tmdb/ActorSync.Tmdb.csproj ActorSync.Tmdb/
COPY ActorSync.GraphQL/ActorSync.GraphQL.csproj ActorSync.GraphQL/
RUN dotnet restore ActorSync.GraphQL/ActorSync.GraphQL.csproj

COPY . .
RUN dotnet publish ActorSync.GraphQL -c Release -o /app --no-restore

# --- runtime -----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The app listens on 0.0.0.0:$PORT (Render sets PORT; 8080 otherwise). ASPNETCORE_HTTP_PORTS, which the
# base image sets to 8080, is cleared so that Kestrel does not warn that PORT overrides it.
ENV ASPNETCORE_ENVIRONMENT=Production \
    PORT=8080 \
    ASPNETCORE_HTTP_PORTS=

# Files stay owned by root: the app user can read them but not change them.
COPY --from=build /app .

# The image's built-in non-root user `app`.
USER $APP_UID
EXPOSE 8080

# No HEALTHCHECK: the aspnet image has no curl or wget, and Render probes healthCheckPath
# (/health/simple) itself.
ENTRYPOINT ["dotnet", "ActorSync.GraphQL.dll"]
