// Builds the browser bundles into packages/elements/dist: one ES module per element package,
// and civic-elements.js, the script-tag bundle that defines every element. Each is self-contained
// (Lit included, production build), minified, with a source map.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = 'packages/elements/dist';

/** Bundle file name → entry. An element package added later is one more line here. */
const bundles = {
  'civic-sign-in.js': 'packages/sign-in/src/define.ts',
  'civic-elements.js': 'packages/elements/src/index.ts',
};

for (const input of Object.values(bundles)) {
  if (!existsSync(new URL(input, import.meta.url))) throw new Error(`rollup.config.js: entry ${input} does not exist`);
}

const plugins = () => [
  // `production` picks Lit's production build (no dev-mode warnings, smaller);
  // workspace packages resolve through their package.json `exports` to TypeScript sources.
  nodeResolve({ browser: true, exportConditions: ['production'], extensions: ['.mjs', '.js', '.ts', '.json'] }),
  typescript({
    tsconfig: './tsconfig.json',
    // Compile only browser sources; the API, tests and scripts are type-checked by `npm run typecheck`.
    include: ['packages/*/src/**/*.ts'],
    filterRoot: root,
    noEmitOnError: false,
    compilerOptions: { noEmit: false, rootDir: root, declaration: false, declarationMap: false, sourceMap: true, inlineSources: true, outDir: dist },
    outputToFilesystem: false,
  }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default Object.entries(bundles).map(([file, input]) => ({
  input,
  output: { file: `${dist}/${file}`, format: 'es', sourcemap: true },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Lit's decorators compile to `this` at the top level of some helpers; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
