// Generates custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssprop,
// @slot); Storybook's controls and docs pages read it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
};
