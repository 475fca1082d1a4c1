// The network model in the SVRZ world (only the client or the representative manages). See network-model.ts.
import { worldTest } from './network-model.ts';

worldTest('SVRZ', 'tests/integration/network-model-svrz.test.ts');
