import { fileURLToPath } from 'node:url';
import { consoleLogger } from './logger';
import { supervise } from './supervisor';

// `npm start` runs this bundled (dist/server/supervisor-main.js); main.js is beside it.
supervise(fileURLToPath(new URL('./main.js', import.meta.url)), consoleLogger());
