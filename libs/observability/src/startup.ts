import { enableCompileCache, setSourceMapsSupport } from 'node:module';

/**
 * What every entry point sets up before it loads anything else (it is their first import).
 *
 * - Source-mapped stack traces for the platform's own code (TypeScript lines for the people on
 *   call), not for packages in node_modules: `--enable-source-maps` read and kept the source
 *   maps of every package a process loads, 3–6 MB of each process's memory (docs/performance.md).
 * - V8's compile cache on disk (`node-compile-cache` in the temporary directory, keyed by each
 *   file's contents and Node's version): a process that starts again, after a crash or a
 *   deploy, compiles its modules from the cache, about a quarter faster. Without a writable
 *   directory it simply compiles as before.
 */
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
enableCompileCache();
