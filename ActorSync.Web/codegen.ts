import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the API's published schema. persistedDocuments: the app sends only each document's
// SHA-256 (`documentId`), and the build writes the manifest (hash -> text) the API registers as trusted documents.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: { Date: 'string' },
      },
    },
  },
};

export default config;
