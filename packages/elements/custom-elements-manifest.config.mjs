// Generates custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssprop,
// @slot); Storybook's controls and docs pages read it, and scripts/frameworks.mjs turns it into
// the JSX, Vue, VS Code and JetBrains typings the package ships. `npm run manifest` rewrites the
// committed file; the package build writes a fresh copy to dist/ (scripts/manifest.mjs).
export default {
  // Globs, not paths: elements may move between folders without touching this file.
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  // The analyzer would otherwise point package.json's `customElements` at whatever outdir it is given.
  packagejson: false,
  plugins: [
    {
      // The analyzer also reports `dispatchEvent(new SomeEvent(detail))` calls as events, named
      // after whatever the constructor got ("", "detail", a method id of an internal event). The
      // public events are the ones a @fires tag documents, with its type and description.
      name: 'cloud-clean-events',
      packageLinkPhase({ customElementsManifest }) {
        // globby lists files in whatever order the file system answers: sort, so that the
        // committed file changes only when the elements do.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.events) continue;
            declaration.events = declaration.events.filter((event) => event.name && event.description);
            if (declaration.events.length === 0) delete declaration.events;
          }
        }
      },
    },
  ],
};
