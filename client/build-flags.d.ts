/**
 * Replaced at build time by vite.config.ts `define`: true only in the test build
 * (GRARECO_TEST_BUILD=1). Code guarded by it, and the modules only it imports, are not in the
 * production bundle.
 */
declare const __GRARECO_TEST_HOOK__: boolean;

/** Stylesheets imported for their effect (client/fonts.ts loads the full font's rules late). */
declare module '*.css' {}
