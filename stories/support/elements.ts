/**
 * Registers every element that exists in packages/elements: each registration file
 * (`cloud-*.ts`) defines its tag. A glob rather than a list, so a story file never fails to
 * build because a tag has not been written yet, and new elements appear without edits here.
 */
const modules = import.meta.glob(['../../packages/elements/src/**/cloud-*.ts', '!**/*.test.ts'], {
  eager: true,
});

/** Registration files found at build time (for the "missing element" notice). */
export const registered = Object.keys(modules);
