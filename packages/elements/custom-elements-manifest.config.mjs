// Generates custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssprop,
// @slot); Storybook's controls and docs pages read it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer also reports `dispatchEvent(new SomeEvent(detail))` calls it cannot resolve
      // as events named "" or "detail"; the real names come from the @fires tags.
      name: 'cloud-clean-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.events) continue;
            declaration.events = declaration.events.filter((event) => event.name && event.name !== 'detail' && event.name !== 'undefined');
          }
        }
      },
    },
  ],
};
