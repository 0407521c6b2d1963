// Builds the browser bundles into packages/elements/dist: one ES module per element package,
// and civic-elements.js, the script-tag bundle that defines every element. Each is self-contained
// (Lit included, production build), minified, with a source map; Italian and Arabic words are
// chunks under dist/chunks/, loaded only by pages in those languages.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = 'packages/elements/dist';

// Start from an empty folder, so that chunks of an earlier build (their names carry a hash) do not
// pile up, get served, or count in the size bench.
if (!process.env.ROLLUP_WATCH) rmSync(dist, { recursive: true, force: true });

/** Bundle file name → entry. An element package added later is one more line here. */
const bundles = {
  'civic-sign-in.js': 'packages/sign-in/src/define.ts',
  'civic-map.js': 'packages/map/src/define.ts',
  'civic-report-form.js': 'packages/report/src/define-form.ts',
  'civic-report-list.js': 'packages/report/src/define-list.ts',
  'civic-inbox.js': 'packages/inbox/src/define.ts',
  'civic-debate.js': 'packages/debate/src/define.ts',
  'civic-poll.js': 'packages/poll/src/define-poll.ts',
  'civic-elements.js': 'packages/elements/src/index.ts',
};

for (const input of Object.values(bundles)) {
  if (!existsSync(new URL(input, import.meta.url))) throw new Error(`rollup.config.js: entry ${input} does not exist`);
}

/**
 * Squeezes the whitespace and comments out of Lit `css` templates, which terser leaves alone.
 * Only spaces that cannot matter go: around braces, semicolons, commas and after colons
 * (a space before a colon can be a descendant combinator, so it stays), the space before `!important`,
 * and the zero of `0.5`.
 */
function minifyCssTemplates() {
  const minify = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .replace(/\s+!important/g, '!important')
      .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2') // 0.5em → .5em
      .trim();
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      // TypeScript prints the tag as `css \``.
      if (!/\.ts$/.test(id) || !/\bcss\s*`/.test(code)) return null;
      let constant = false;
      const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
        if (body.includes('${')) return `css\`${minify(body)}\``;
        // Constant CSS needs none of the tag's checks of interpolated values: unsafeCSS makes the
        // same CSSResult from a string, and lets Lit's \`css\` (with its error texts) be tree-shaken.
        constant = true;
        return `__civicConstantCss(\`${minify(body)}\`)`;
      });
      // On the first line, so that the source map's lines still match.
      return { code: (constant ? "import { unsafeCSS as __civicConstantCss } from 'lit';" : '') + out, map: null };
    },
  };
}

/**
 * Squeezes the indentation out of Lit `html` templates, which terser leaves alone. A run of
 * whitespace with a line break in it becomes nothing between a tag and a tag or expression (where
 * it could only be a whitespace text node between blocks) or before the `>` that ends a tag, else
 * one space (between attributes, or next to text), which HTML renders the same. Whitespace without
 * a line break is left as written.
 */
function minifyHtmlTemplates() {
  const walk = (node, visit) => {
    if (!node || typeof node.type !== 'string') return;
    visit(node);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) walk(child, visit);
      else if (value && typeof value.type === 'string') walk(value, visit);
    }
  };
  return {
    name: 'minify-html-templates',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !/\bhtml\s*`/.test(code)) return null;
      const edits = [];
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || node.tag.name !== 'html') return;
        for (const quasi of node.quasi.quasis) {
          const raw = code.slice(quasi.start, quasi.end);
          if (raw !== quasi.value.raw) throw new Error(`minify-html-templates: unexpected template positions in ${id}`);
          const text = raw.replace(/\s*\n\s*/g, (run, offset) => {
            const before = offset === 0 ? '' : raw[offset - 1];
            const after = raw[offset + run.length] ?? '';
            if ((before === '' || before === '>') && (after === '' || after === '<')) return '';
            // The end of a tag, after a binding or a quoted value: `${x}\n  >` is `${x}>`.
            if ((before === '' || before === '"') && (after === '>' || raw.startsWith('/>', offset + run.length))) return '';
            return ' ';
          });
          if (text !== raw) edits.push([quasi.start, quasi.end, text]);
        }
      });
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * maplibre-gl stays out of the bundles: its files are copied as they are to dist/maplibre/ and every
 * chunk that imports it does so with a relative path (`./maplibre/maplibre-gl.mjs` from an entry,
 * `../maplibre/…` from a chunk). Its worker then loads from next to it. Only bundles that use it copy it.
 */
function maplibreAlongside() {
  const files = ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl-shared.mjs'];
  // Rollup writes an external's relative path as seen from the importing source file, not from the
  // output chunk, so the import is written with this placeholder and each chunk gets its own path.
  const placeholder = 'civic-elements:maplibre-gl';
  let used = false;
  return {
    name: 'maplibre-alongside',
    resolveId(source) {
      if (source !== 'maplibre-gl') return null;
      used = true;
      return { id: placeholder, external: true };
    },
    renderChunk(code, chunk) {
      if (!code.includes(placeholder)) return null;
      const depth = chunk.fileName.split('/').length - 1;
      const path = (depth === 0 ? './' : '../'.repeat(depth)) + 'maplibre/maplibre-gl.mjs';
      // Same line, a few characters' difference: the source map stays as good as identity.
      return { code: code.replaceAll(placeholder, path), map: null };
    },
    generateBundle() {
      if (!used) return;
      for (const file of files) {
        // Without their source maps (5 MB each): drop the comment that would ask for them.
        const source = readFileSync(resolve(root, 'node_modules/maplibre-gl/dist', file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
        this.emitFile({ type: 'asset', fileName: `maplibre/${file}`, source });
      }
    },
  };
}

/** A stylesheet imported from a module becomes `export default "<the CSS>"` (maplibre's, already minified, adopted by <civic-map>). */
function cssText() {
  return {
    name: 'css-text',
    load(id) {
      if (!id.endsWith('.css')) return null;
      const text = readFileSync(id, 'utf8').replace(/\/\*[#@] sourceMappingURL=\S+\s*\*\/\s*$/, '').trim();
      return { code: `export default ${JSON.stringify(text)};`, map: { mappings: '' } };
    },
  };
}

const plugins = () => [
  maplibreAlongside(),
  cssText(),
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
  minifyHtmlTemplates(),
  // keep_fargs: false drops unused trailing parameters; nothing here reads a function's `length`.
  terser({ ecma: 2022, module: true, compress: { passes: 2, keep_fargs: false }, format: { comments: false } }),
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
