import { graphql } from '../gql';

// Every request the app makes. Each is sent by its hash only (see client.ts); the build registers the texts with the API.

export const SearchActorsDocument = graphql(`
  query SearchActors($query: String!) {
    searchActors(query: $query, first: 8) {
      nodes { tmdbId name profileUrl(size: W185) knownForDepartment knownFor(first: 3) { title } }
    }
  }
`);

export const SearchMoviesDocument = graphql(`
  query SearchMovies($query: String!) {
    searchMovies(query: $query, first: 8) {
      nodes { tmdbId title releaseYear overview posterUrl(size: W92) }
    }
  }
`);

export const ActorsByIdDocument = graphql(`
  query ActorsById($ids: [Int!]!) {
    actors(tmdbIds: $ids) { tmdbId name profileUrl(size: W185) tmdbUrl }
  }
`);

export const MoviesByIdDocument = graphql(`
  query MoviesById($ids: [Int!]!) {
    movies(tmdbIds: $ids) { tmdbId title releaseYear posterUrl(size: W154) tmdbUrl }
  }
`);

export const CompareActorsDocument = graphql(`
  query CompareActorsTimeline($ids: [Int!]!) {
    compareActors(tmdbIds: $ids) {
      actors { tmdbId name profileUrl(size: W185) tmdbUrl }
      sharedMovies {
        movie { tmdbId title releaseDate posterUrl(size: W154) tmdbUrl }
        roles { actor { tmdbId } character }
      }
      timeline {
        year
        entries {
          shared
          movie { tmdbId title releaseDate posterUrl(size: W154) tmdbUrl }
          roles { actor { tmdbId } character }
        }
      }
    }
  }
`);

export const CompareMoviesDocument = graphql(`
  query CompareMoviesCast($ids: [Int!]!) {
    compareMovies(tmdbIds: $ids) {
      movies {
        tmdbId title releaseYear posterUrl(size: W154) tmdbUrl
        cast(first: 30) { order character actor { tmdbId name profileUrl(size: W185) tmdbUrl } }
      }
      sharedCast {
        actor { tmdbId name profileUrl(size: W185) tmdbUrl }
        roles { character movie { tmdbId } }
      }
    }
  }
`);

export const ActorPathDocument = graphql(`
  query ActorConnection($from: Int!, $to: Int!, $maxDepth: Int!) {
    ends: actors(tmdbIds: [$from, $to]) { tmdbId name profileUrl(size: W185) tmdbUrl }
    actorPath(fromTmdbId: $from, toTmdbId: $to, maxDepth: $maxDepth) {
      degrees
      steps {
        from { tmdbId name profileUrl(size: W185) tmdbUrl }
        movie { tmdbId title releaseYear posterUrl(size: W154) tmdbUrl }
        to { tmdbId name profileUrl(size: W185) tmdbUrl }
      }
    }
  }
`);

export const CoStarsDocument = graphql(`
  query TopCoStars($id: Int!) {
    actor(tmdbId: $id) {
      tmdbId name
      collaborators(first: 10) {
        count
        actor { tmdbId name profileUrl(size: W185) tmdbUrl }
        movies { tmdbId title releaseYear }
      }
    }
  }
`);
