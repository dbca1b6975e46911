import { engineAvailable } from '../helpers/engines/availability';
import { describeCoreFlows } from '../helpers/engines/core-flows';
import { launchFirefoxEngine } from '../helpers/engines/firefox-engine';

describeCoreFlows('firefox', launchFirefoxEngine, await engineAvailable('firefox'));
