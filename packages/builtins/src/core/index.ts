import { defineExtension } from '@zoryx/framework';
import { aboutCommand } from './about.js';

export default defineExtension({
  name: 'core',
  version: '0.1.0',
  commands: [aboutCommand],
});
