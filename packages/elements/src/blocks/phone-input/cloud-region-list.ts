import { CloudRegionList } from './region-list.ts';

export { CloudRegionList };
export type { RegionChoice } from './region-list.ts';

if (!customElements.get('cloud-region-list')) customElements.define('cloud-region-list', CloudRegionList);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-region-list': CloudRegionList;
  }
}
