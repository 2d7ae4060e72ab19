// The mocha globals web-test-runner provides, declared here so tests type-check without adding
// @types/mocha to the repository.
interface TestContext {
  timeout(ms: number): void;
}
declare function describe(name: string, fn: () => void): void;
declare function it(name: string, fn: (this: TestContext) => void | Promise<void>): void;
declare function before(fn: () => void | Promise<void>): void;
declare function after(fn: () => void | Promise<void>): void;
declare function beforeEach(fn: () => void | Promise<void>): void;
declare function afterEach(fn: () => void | Promise<void>): void;
