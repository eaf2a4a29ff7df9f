/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `make web-dev`: this dev server with hot reload, the API and uploads proxied to the
// platform `make run` started (PETFUL_API_URL to point elsewhere).
const platform = process.env.PETFUL_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: { "/api": platform, "/media": platform },
  },
  build: {
    outDir: "dist",
    // Every asset is a file under /assets/ (hashed, cached a year by the edge).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
