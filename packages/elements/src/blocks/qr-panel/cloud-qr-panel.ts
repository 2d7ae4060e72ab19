import { CloudQrPanel } from './qr-panel.ts';

export { CloudQrPanel };
export type { QrPanelState } from './qr-panel.ts';

if (!customElements.get('cloud-qr-panel')) customElements.define('cloud-qr-panel', CloudQrPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cloud-qr-panel': CloudQrPanel;
  }
}
