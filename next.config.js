/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server solves with rattler's Node build (lib/solve/rattler-node.ts: require() → rattler.node.cjs, which
  // reads the .wasm file from node_modules). Left external, the server bundle never inlines the browser build
  // (rattler.bundler.mjs: 4 MB of base64 wasm compiled at import); the page's worker still bundles that one.
  serverExternalPackages: ['@conda-org/rattler'],
};

module.exports = nextConfig;
