// A forked child does not inherit the loader vitest or tsx registered in its parent: register
// tsx here, then load the TypeScript entry. The compiled server forks image-check-child.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./image-check-child.ts');
