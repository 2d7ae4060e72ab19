import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { stage, fakeLoader } from '../stories/support/story.ts';
import '../stories/support/elements.ts';

// Controls and docs come from the elements' manifest when the elements package has generated
// one; without it, stories still render and list their own args.
const manifests = import.meta.glob('../packages/elements/custom-elements.json', {
  eager: true,
  import: 'default',
});
const manifest = Object.values(manifests)[0] as Manifest | undefined;
if (manifest) setCustomElementsManifest(publicOnly(manifest));

interface Manifest {
  modules?: {
    declarations?: { members?: { privacy?: string; static?: boolean }[]; events?: { name?: string }[] }[];
  }[];
}

/**
 * The docs show the public API only: no private/protected members, no statics, and no events
 * the analyzer could not name (it reads `dispatchEvent(new XEvent(detail))` as an event named
 * `detail`; the named ones come from the `@fires` tags).
 */
function publicOnly(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules?.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => ({
        ...declaration,
        members: declaration.members?.filter(
          (member) => !member.static && (!member.privacy || member.privacy === 'public'),
        ),
        events: declaration.events?.filter((event) => event.name && event.name !== 'detail'),
      })),
    })),
  };
}

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [stage],
  loaders: [fakeLoader],
  globalTypes: {
    locale: {
      description:
        'Page language (<html lang>), which the elements follow when they have no locale attribute',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'zh-CN', title: '简体中文' },
          { value: 'zh-TW', title: '繁體中文' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark scheme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    options: { storySort: { order: ['Introduction', 'Flows', 'Blocks', 'Config', 'Theming'] } },
    controls: { expanded: true, sort: 'requiredFirst' },
    a11y: {
      // WCAG 2.2 AA, as packages/elements/README.md promises; the built Storybook is also checked by test/storybook.
      options: {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
      },
      test: 'error',
    },
    docs: { source: { type: 'dynamic' } },
  },
};

export default preview;
