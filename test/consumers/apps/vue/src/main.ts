import { createApp } from 'vue';
import '@cloud-login/elements';
import App from './App.vue';

createApp(App).mount('#app');
