import { setSourceMapsSupport } from 'node:module';

/**
 * Source-mapped stack traces for the platform's own code (TypeScript lines for the people on
 * call), not for packages in node_modules: `--enable-source-maps` read and kept the source
 * maps of every package a process loads, 3–6 MB of each process's memory (docs/performance.md).
 * Imported first by every entry point, before anything else is loaded.
 */
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
