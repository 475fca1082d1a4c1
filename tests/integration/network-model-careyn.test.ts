// The network model in the Careyn world (Instellingen may be delegated), and the check that the sweep's route table
// has every route of the app. The model, the world and the sweep: network-model.ts.
import { routeTableTest, worldTest } from './network-model.ts';

routeTableTest();
worldTest('Careyn', 'tests/integration/network-model-careyn.test.ts');
