// Builds the browser bundles into packages/elements/dist: one ES module per element package,
// and civic-elements.js, the script-tag bundle that defines every element. Each is self-contained
// (Lit included, production build), minified, with a source map; Italian and Arabic words are
// chunks under dist/chunks/, loaded only by pages in those languages.
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

/**
 * Squeezes the whitespace and comments out of Lit `css` templates, which terser leaves alone.
 * Only spaces that cannot matter go: around braces, semicolons, commas and after colons
 * (a space before a colon can be a descendant combinator, so it stays).
 */
function minifyCssTemplates() {
  const minify = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      // TypeScript prints the tag as `css \``.
      if (!/\.ts$/.test(id) || !/\bcss\s*`/.test(code)) return null;
      return { code: code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => `css\`${minify(body)}\``), map: null };
    },
  };
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
  minifyCssTemplates(),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default Object.entries(bundles).map(([file, input]) => ({
  input: { [file.replace(/\.js$/, '')]: input },
  // Languages other than English are chunks loaded on first use (both builds make the same ones).
  output: { dir: dist, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Lit's decorators compile to `this` at the top level of some helpers; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
}));
