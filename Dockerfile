# ActorSync GraphQL API: the IDE's npm packages and the web app built with Node, the API built with the .NET SDK, run on the
# chiseled ASP.NET Core runtime (no shell, no package manager) as a non-root user.
#   docker build -t actorsync .
#   docker run --rm -p 8080:8080 -e TMDB_API_KEY=... actorsync        # or -e TMDB_MODE=offline
# Render builds this file from render.yaml (runtime: docker).

# --- frontend: npm packages and the web app ------------------------------------
# The Banana Cake Pop IDE's files (served at /graphql/) come from npm, and the web app (ActorSync.Web, served at /)
# is built with Vite from the schema. Both are plain static files, so they are made here, with an official Node LTS
# image, and the .NET stage below copies them instead of running npm.
FROM node:24-bookworm-slim AS frontend
WORKDIR /ide
COPY ActorSync.GraphQL/Ide/package.json ActorSync.GraphQL/Ide/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
WORKDIR /web/ActorSync.Web
COPY ActorSync.Web/package.json ActorSync.Web/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
# The operations are generated from the published schema (codegen.ts reads ../schema.graphql).
COPY schema.graphql /web/
COPY ActorSync.Web/ ./
RUN npm run build

# --- build -------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so that the package layer is cached until they change. As `dotnet
# publish` would (_IsPublishing): the project then publishes ReadyToRun for the SDK's runtime identifier, so the
# restore brings that runtime's packs and the crossgen compiler, and the publish below needs no restore of its own.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY ActorSync.Tmdb/ActorSync.Tmdb.csproj ActorSync.Tmdb/
COPY ActorSync.GraphQL/ActorSync.GraphQL.csproj ActorSync.GraphQL/
RUN dotnet restore ActorSync.GraphQL/ActorSync.GraphQL.csproj -p:_IsPublishing=true

COPY . .
COPY --from=frontend /ide/node_modules ActorSync.GraphQL/Ide/node_modules
COPY --from=frontend /web/ActorSync.Web/dist ActorSync.Web/dist
# BananaCakePopNpm=false, WebAppNpm=false: the IDE's packages and the built web app are already there (from the
# frontend stage); this stage has no npm.
RUN dotnet publish ActorSync.GraphQL -c Release -o /app --no-restore -p:BananaCakePopNpm=false -p:WebAppNpm=false

# --- runtime -----------------------------------------------------------------
# The publish is self-contained (the runtime and the framework are compiled with the app into one ReadyToRun image,
# ActorSync.GraphQL.csproj): the base image needs only the native libraries .NET needs (runtime-deps), not .NET.
# Chiseled: no shell and no package manager, so no RUN here and an exec-form ENTRYPOINT. It has no ICU either; the
# app runs with invariant globalization (ActorSync.GraphQL.csproj).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app

# The app listens on 0.0.0.0:$PORT (Render sets PORT; 8080 otherwise). ASPNETCORE_HTTP_PORTS, which the
# base image sets to 8080, is cleared so that Kestrel does not warn that PORT overrides it. The environment is set
# here only (render.yaml does not repeat it).
ENV ASPNETCORE_ENVIRONMENT=Production \
    PORT=8080 \
    ASPNETCORE_HTTP_PORTS=

# Files stay owned by root: the app user can read them but not change them.
COPY --from=build /app .

# The image's built-in non-root user `app`.
USER $APP_UID
EXPOSE 8080

# No HEALTHCHECK: the image has no shell, curl or wget, and Render probes healthCheckPath (/health/simple) itself.
ENTRYPOINT ["./ActorSync.GraphQL"]
