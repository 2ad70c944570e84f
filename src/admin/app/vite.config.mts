import path from "node:path";
import { defineConfig } from "vite";

// The admin app is served by the API server at /admin (src/admin/serve.ts), from dist/admin.
export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  build: {
    outDir: path.resolve(import.meta.dirname, "../../../dist/admin"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // react-router marks its modules "use client" for server components; a client-only bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: { proxy: { "/graphql": "http://127.0.0.1:4000" } },
});
