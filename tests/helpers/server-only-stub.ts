// Stands in for the `server-only` package under vitest (see vitest.config.ts): that package throws unless
// bundled with Next's react-server condition, and tests import server modules directly.
export {};
