// The few Mocha globals the browser tests use (web-test-runner provides Mocha; @types/mocha is not installed).
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: { timeout(ms: number): void }, done: MochaDone) => void | Promise<unknown>;
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn?: MochaFn | ((this: { timeout(ms: number): void }) => void | Promise<unknown>)): void;
declare function before(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function after(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function beforeEach(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function afterEach(fn: MochaFn | (() => void | Promise<unknown>)): void;
