import { engineAvailable } from '../helpers/engines/availability';
import { describeCoreFlows } from '../helpers/engines/core-flows';
import { launchChromiumEngine } from '../helpers/engines/chromium-engine';

describeCoreFlows('chromium', launchChromiumEngine, await engineAvailable('chromium'));
