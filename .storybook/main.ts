import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

/**
 * Storybook for the designers: the real elements, a fake transport at the API-client boundary
 * (stories/support/fake-backend.ts), so no server is needed and the build works offline.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  // No network calls from the build (and a much faster build).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    // Lit's decorators are TypeScript's experimental ones with `useDefineForClassFields: false`
    // (TOOLCHAIN pitfall 1): a class field must not shadow the accessor `@property` installs.
    // The flags are set explicitly rather than read from the nearest tsconfig.json, because
    // stories and the elements' sources sit under different tsconfigs. Vite 8 transforms
    // TypeScript with Oxc and drops `esbuild.tsconfigRaw` when it converts esbuild options, so
    // the flags are given to Oxc directly.
    return {
      ...viteConfig,
      oxc: {
        ...(typeof viteConfig.oxc === 'object' ? viteConfig.oxc : {}),
        decorator: { legacy: true },
        assumptions: { setPublicClassFields: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
      },
      build: {
        ...viteConfig.build,
        chunkSizeWarningLimit: 2048,
        rolldownOptions: {
          ...viteConfig.build?.rolldownOptions,
          // Stories register every element eagerly (stories/support/elements.ts), so the elements'
          // own lazy imports cannot split here; they do in the elements' build, which keeps the check.
          checks: { ...viteConfig.build?.rolldownOptions?.checks, ineffectiveDynamicImport: false },
        },
      },
      // The workspace's packages from their TypeScript sources, not their built dist/.
      resolve: { ...viteConfig.resolve, conditions: ['cloud-login-source', ...defaultClientConditions] },
    };
  },
};

export default config;
