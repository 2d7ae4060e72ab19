// Mocha's globals as web-test-runner provides them (the repository has no @types/mocha).
interface TestContext {
  timeout(ms: number): void;
  skip(): never;
}
interface TestFunction {
  (name: string, fn: (this: TestContext) => void | Promise<void>): void;
  skip(name: string, fn?: (this: TestContext) => void | Promise<void>): void;
  only(name: string, fn: (this: TestContext) => void | Promise<void>): void;
}
declare const it: TestFunction;
declare function describe(name: string, fn: (this: TestContext) => void): void;
declare function before(fn: (this: TestContext) => void | Promise<void>): void;
declare function after(fn: (this: TestContext) => void | Promise<void>): void;
declare function beforeEach(fn: (this: TestContext) => void | Promise<void>): void;
declare function afterEach(fn: (this: TestContext) => void | Promise<void>): void;
