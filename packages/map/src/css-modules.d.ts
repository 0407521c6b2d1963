// A stylesheet imported from a module is its text: the build (rollup.config.js) and the test server
// (web-test-runner.config.mjs) both serve `.css` imports as `export default "<the CSS>"`.
declare module '*.css' {
  const text: string;
  export default text;
}
