import { setSourceMapsSupport } from 'node:module';

/**
 * What every entry point sets up before it loads anything else (it is their first import):
 * source-mapped stack traces for the platform's own code (TypeScript lines for the people on
 * call), not for packages in node_modules. `--enable-source-maps` read and kept the source maps
 * of every package a process loads, 3–6 MB of each process's memory (docs/performance.md).
 *
 * V8's compile cache is not switched on here: loading modules from it kept 5–9 MB more of each
 * process resident while idle, over the 150 MB a service may use. The test platforms switch it
 * on (`NODE_COMPILE_CACHE`, @kc/testing's startPlatform), where starting fast counts more.
 */
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
