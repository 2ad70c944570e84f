import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed operations from the committed SDL: every document in src/graphql/ is checked against it.
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["src/admin/app/src/graphql/*.ts"],
  generates: {
    "src/admin/app/src/gql/": {
      preset: "client",
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", URL: "string", JSON: "unknown" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
  silent: true,
};
export default config;
