import { engineAvailable } from '../helpers/engines/availability';
import { describeCoreFlows } from '../helpers/engines/core-flows';
import { launchWebkitEngine } from '../helpers/engines/webkit-engine';

describeCoreFlows('webkit', launchWebkitEngine, await engineAvailable('webkit'));
